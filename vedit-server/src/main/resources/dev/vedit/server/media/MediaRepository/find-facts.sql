SELECT format_name, duration_seconds, size_bytes, stream_count, has_video, width, height, frame_rate, frame_count,
       video_codec, has_audio, audio_codec, audio_channels
FROM media_facts WHERE sha256 = :sha
