using System.Security.Cryptography;
using System.Text;
using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Core.RateLimits;

/// <summary>
/// The shared counter (PostgreSQL): one row per key in <c>rate_limit_windows</c>, counted by one atomic upsert (the
/// row lock orders parallel hits from every instance), its window restarted by the first hit after it ended. The key
/// (it holds a client address) is stored only as its SHA-256; the cleanup deletes ended windows.
/// </summary>
public sealed class DatabaseRateLimitCounter(Db db, TimeProvider clock) : IRateLimitCounter
{
    public async ValueTask<RateLimitDecision> HitAsync(string key, int permits, TimeSpan window, CancellationToken cancellationToken = default)
    {
        const string sql = """
            INSERT INTO rate_limit_windows (bucket, window_start, hits, expires_at)
            VALUES (@Bucket, @Now, 1, @ExpiresAt)
            ON CONFLICT (bucket) DO UPDATE SET
                hits = CASE WHEN rate_limit_windows.expires_at <= @Now THEN 1 ELSE rate_limit_windows.hits + 1 END,
                window_start = CASE WHEN rate_limit_windows.expires_at <= @Now THEN @Now ELSE rate_limit_windows.window_start END,
                expires_at = CASE WHEN rate_limit_windows.expires_at <= @Now THEN @ExpiresAt ELSE rate_limit_windows.expires_at END
            RETURNING hits AS Hits, expires_at AS ExpiresAt
            """;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<Window>(new CommandDefinition(sql, new
        {
            Bucket = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))),
            Now = now,
            ExpiresAt = now + (long)window.TotalMilliseconds,
        }, cancellationToken: cancellationToken));
        return row.Hits <= permits
            ? new RateLimitDecision(true, TimeSpan.Zero)
            : new RateLimitDecision(false, TimeSpan.FromMilliseconds(Math.Max(0, row.ExpiresAt - now)));
    }

    private sealed record Window(long Hits, long ExpiresAt);
}
