using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace AveroPortal.Blazor.Features.Passkeys;

/// <summary>
/// The short window after the settings page's re-authentication (a fresh authenticator code through
/// <see cref="Core.Settings.Reauthentication"/>) in which the customer may add and remove passkeys. The proof is
/// protected with the portal's data-protection keys (shared by every instance through the database) and bound to the
/// account and the session: another session, a signed-out browser or a copy after 5 minutes proves nothing. Only for
/// the settings page and its options endpoint (Path), HttpOnly, SameSite=Strict.
/// </summary>
internal static class PasskeyProofCookie
{
    public const string Name = "Avero.PasskeyBevestigd";
    public const string Path = "/instellingen/passkeys";

    /// <summary>The login-event method of the re-authentication (its label: EventMethod.settings-passkeys).</summary>
    public const string Method = "settings-passkeys";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private const string Purpose = "AveroPortal.Passkeys.Reauthentication";

    /// <returns>Until when the proof holds.</returns>
    public static DateTimeOffset Issue(HttpContext http, long accountId, string sessionId)
    {
        var until = Clock(http).GetUtcNow() + Window;
        var payload = string.Join('|', accountId.ToString(CultureInfo.InvariantCulture), sessionId,
            until.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        http.Response.Cookies.Append(Name, Protector(http).Protect(payload), Options(http, Window));
        return until;
    }

    /// <summary>Until when this browser's proof holds for this account and session; null without a valid one.</summary>
    public static DateTimeOffset? ValidUntil(HttpContext http, long accountId, string sessionId)
    {
        if (http.Request.Cookies[Name] is not { Length: > 0 and < 1000 } value)
        {
            return null;
        }

        string payload;
        try
        {
            payload = Protector(http).Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var parts = payload.Split('|');
        if (parts.Length != 3
            || parts[0] != accountId.ToString(CultureInfo.InvariantCulture)
            || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(parts[1]), System.Text.Encoding.UTF8.GetBytes(sessionId))
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var untilSeconds))
        {
            return null;
        }

        var until = DateTimeOffset.FromUnixTimeSeconds(untilSeconds);
        return until > Clock(http).GetUtcNow() ? until : null;
    }

    public static void End(HttpContext http) => http.Response.Cookies.Delete(Name, Options(http, null));

    private static IDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private static TimeProvider Clock(HttpContext http) => http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;

    private static CookieOptions Options(HttpContext http, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = Path,
        MaxAge = maxAge,
        IsEssential = true,
    };
}
