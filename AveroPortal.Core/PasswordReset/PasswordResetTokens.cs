using System.Security.Cryptography;
using System.Text;

namespace AveroPortal.Core.PasswordReset;

/// <summary>
/// Reset link tokens: 256 random bits from the CSPRNG, base64url in the link, only their SHA-256 in the database, so
/// a copy of the database can not be used to reset anyone's password.
/// </summary>
public static class PasswordResetTokens
{
    /// <summary>Long enough to open the mail, short enough that a link found later in a mailbox is dead.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public const int TokenBytes = 32;
    public const int TokenLength = 43;

    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(TokenBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Shape check before any database look-up: 43 base64url characters.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
