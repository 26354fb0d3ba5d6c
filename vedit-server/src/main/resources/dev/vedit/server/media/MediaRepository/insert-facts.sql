INSERT INTO media_facts (sha256, format_name, duration_seconds, size_bytes, stream_count, has_video, width, height,
                         frame_rate, frame_count, video_codec, has_audio, audio_codec, audio_channels, probed_at)
VALUES (:sha, :formatName, :duration, :size, :streams, :hasVideo, :width, :height, :frameRate, :frameCount,
        :videoCodec, :hasAudio, :audioCodec, :audioChannels, :now)
