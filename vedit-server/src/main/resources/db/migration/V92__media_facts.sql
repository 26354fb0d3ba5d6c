-- What ffprobe found in stored media, by content hash: a submit that names our own upload checks it against
-- the field from these facts instead of copying and probing the file on the request path (issue 15). Content is
-- immutable under its hash, so a row never goes stale; rows are small and outlive their object harmlessly (the
-- same bytes uploaded again find their facts).
CREATE TABLE media_facts (
    sha256           CHAR(64)         PRIMARY KEY,
    format_name      VARCHAR(200),
    duration_seconds DOUBLE PRECISION NOT NULL,
    size_bytes       BIGINT           NOT NULL,
    stream_count     INT              NOT NULL,
    has_video        BOOLEAN          NOT NULL,
    width            INT              NOT NULL,
    height           INT              NOT NULL,
    frame_rate       DOUBLE PRECISION NOT NULL,
    frame_count      BIGINT           NOT NULL,
    video_codec      VARCHAR(64),
    has_audio        BOOLEAN          NOT NULL,
    audio_codec      VARCHAR(64),
    audio_channels   INT              NOT NULL,
    probed_at        BIGINT           NOT NULL
);
