-- Rate-limit windows shared by every instance (used with PostgreSQL; SQLite counts in the process). Times in Unix
-- milliseconds; bucket is the SHA-256 of the key (it holds a client address). Ended windows are cleaned up.
CREATE TABLE rate_limit_windows (
    bucket TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    hits INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX ix_rate_limit_windows_expires ON rate_limit_windows (expires_at);
