using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace AveroPortal.Blazor.Features.Passkeys;

/// <summary>
/// The browser's half of a passkey challenge: a random value in an HttpOnly cookie, the browserKey of
/// <see cref="Core.Passkeys.PasskeyCeremonies"/> (Core keeps only its SHA-256). A challenge handed to one browser
/// can therefore not be answered from another, even with its id. SameSite=Strict: only the portal's own pages use it
/// (the options fetch and the form post that follows), never a navigation from elsewhere. A browser session cookie:
/// a challenge lives 5 minutes anyway.
/// </summary>
internal static class PasskeyBrowserCookie
{
    public const string Name = "Avero.Passkey";

    private const int Bytes = 32;

    /// <summary>This browser's key, made (and set in the response) when it has none yet; for an options endpoint.</summary>
    public static string GetOrCreate(HttpContext http)
    {
        if (Read(http) is { } existing)
        {
            return existing;
        }

        var key = NewKey();
        http.Response.Cookies.Append(Name, key, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        });
        return key;
    }

    /// <summary>
    /// The key for a form post that answers a challenge. Without a (well-formed) cookie a fresh random value, which
    /// matches no challenge: the answer is refused as expired, and nothing is set.
    /// </summary>
    public static string ForAnswer(HttpContext http) => Read(http) ?? NewKey();

    private static string? Read(HttpContext http) =>
        http.Request.Cookies[Name] is { Length: 43 } value && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? value : null;

    private static string NewKey() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(Bytes));
}
