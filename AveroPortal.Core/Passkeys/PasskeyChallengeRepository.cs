using System.Security.Cryptography;
using System.Text;
using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Core.Passkeys;

/// <summary>
/// WebAuthn challenges in the shared database, so any instance can verify what another handed out. The browser holds
/// a random 256-bit id; the table holds its SHA-256 and the SHA-256 of the browser's key, so a copy of the database
/// answers nothing. A challenge is used up by a conditional DELETE that also checks purpose, browser, account and
/// age: of parallel verifications exactly one gets the options back.
/// </summary>
public sealed class PasskeyChallengeRepository(Db db, TimeProvider clock)
{
    /// <summary>The ceremony's whole time, the WebAuthn timeout included.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public const int IdLength = 43;

    /// <summary>Longest browser key taken (the web layer's cookie is far shorter); longer is refused like a missing one.</summary>
    public const int MaxBrowserKeyLength = 200;

    internal async Task<string> StartAsync(string purpose, long? accountId, string browserKey, string optionsJson)
    {
        const string sql = """
            INSERT INTO passkey_challenges (id_hash, purpose, account_id, browser_hash, options_json, created_at, expires_at)
            VALUES (@IdHash, @Purpose, @AccountId, @BrowserHash, @OptionsJson, @Now, @ExpiresAt)
            """;
        var id = Base64UrlToken(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(sql, new
        {
            IdHash = Hash(id),
            Purpose = purpose,
            AccountId = accountId,
            BrowserHash = Hash(browserKey),
            OptionsJson = optionsJson,
            Now = now.ToUnixTimeSeconds(),
            ExpiresAt = now.Add(Lifetime).ToUnixTimeSeconds(),
        });
        return id;
    }

    /// <summary>
    /// Uses the challenge up and returns the options it was handed out with; null when it is unknown, used, expired,
    /// or was handed out for another purpose, browser or account (<paramref name="accountId"/> null: for no account).
    /// </summary>
    internal async Task<string?> TryConsumeAsync(string? id, string purpose, long? accountId, string? browserKey)
    {
        // Two statements rather than "account_id = @AccountId OR @AccountId IS NULL": PostgreSQL can not type a null parameter.
        const string withAccount = """
            DELETE FROM passkey_challenges
            WHERE id_hash = @IdHash AND purpose = @Purpose AND browser_hash = @BrowserHash AND expires_at > @Now
              AND account_id = @AccountId
            RETURNING options_json
            """;
        const string withoutAccount = """
            DELETE FROM passkey_challenges
            WHERE id_hash = @IdHash AND purpose = @Purpose AND browser_hash = @BrowserHash AND expires_at > @Now
              AND account_id IS NULL
            RETURNING options_json
            """;
        if (!LooksValid(id) || !IsUsableBrowserKey(browserKey))
        {
            return null;
        }

        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<string>(accountId is null ? withoutAccount : withAccount, new
        {
            IdHash = Hash(id!),
            Purpose = purpose,
            BrowserHash = Hash(browserKey!),
            Now = clock.GetUtcNow().ToUnixTimeSeconds(),
            AccountId = accountId ?? 0,
        });
    }

    public static bool IsUsableBrowserKey(string? browserKey) =>
        browserKey is { Length: >= 16 and <= MaxBrowserKeyLength } && !browserKey.Any(char.IsControl);

    internal static string Base64UrlToken(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static bool LooksValid(string? id) =>
        id is { Length: IdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
