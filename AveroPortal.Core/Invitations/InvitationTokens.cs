using System.Security.Cryptography;
using System.Text;

namespace AveroPortal.Core.Invitations;

/// <summary>
/// Link tokens: 256 random bits, base64url in the link, only their SHA-256 in the database, so a copy of the
/// database can not be used to open a link.
/// </summary>
internal static class InvitationTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);
    public const int TokenLength = 43;

    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Shape check before any database look-up: 43 base64url characters.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
