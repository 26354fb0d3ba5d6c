/**
 * Facts about a media file as ffprobe measured them: a leaf package that the FFmpeg layer produces and the media
 * checks, the task system and the engines read, so that none of them depends on another for a data record.
 */
package dev.vedit.server.facts;
