-- Rate-limit windows shared by every instance. Times in Unix milliseconds; bucket is the SHA-256 of the key (it
-- holds a client address). Ended windows are cleaned up.
CREATE TABLE rate_limit_windows (
    bucket TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX ix_rate_limit_windows_expires ON rate_limit_windows (expires_at);
