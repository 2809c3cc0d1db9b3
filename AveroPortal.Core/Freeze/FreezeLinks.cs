using AveroPortal.Core.Data;
using AveroPortal.Core.Invitations;
using Dapper;

namespace AveroPortal.Core.Freeze;

/// <summary>
/// The one way a security mail gets its "Dit was ik niet" link: a 256-bit random token (the invitations' token
/// format), only its SHA-256 stored, valid 7 days, on the configured public address.
/// </summary>
public sealed class FreezeLinks(Db db, FreezeLinkOptions options, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>The page the link opens (GET asks to confirm, POST freezes).</summary>
    public const string Path = "dit-was-ik-niet";

    public async Task<FreezeLink> CreateAsync(long accountId, string reason)
    {
        const string sql = """
            INSERT INTO freeze_tokens (token_hash, account_id, reason, created_at, expires_at)
            VALUES (@TokenHash, @AccountId, @Reason, @Now, @ExpiresAt)
            """;
        var now = clock.GetUtcNow();
        var expiresAt = now.Add(Lifetime);
        var token = InvitationTokens.NewToken();
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(sql, new
        {
            TokenHash = InvitationTokens.Hash(token),
            AccountId = accountId,
            Reason = reason,
            Now = now.ToUnixTimeSeconds(),
            ExpiresAt = expiresAt.ToUnixTimeSeconds(),
        });
        return new FreezeLink(BuildUrl(options.PublicBase, token), expiresAt);
    }

    /// <summary>Whether the link would still freeze; reading only, so a mail scanner's GET changes nothing.</summary>
    public async Task<bool> IsUsableAsync(string? token)
    {
        if (!InvitationTokens.LooksValid(token))
        {
            return false;
        }

        const string sql = "SELECT COUNT(*) FROM freeze_tokens WHERE token_hash = @TokenHash AND expires_at > @Now";
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, new
        {
            TokenHash = InvitationTokens.Hash(token!),
            Now = clock.GetUtcNow().ToUnixTimeSeconds(),
        }) == 1;
    }

    internal static string BuildUrl(Uri publicBase, string token) =>
        $"{publicBase.OriginalString.TrimEnd('/')}/{Path}?token={token}";
}
