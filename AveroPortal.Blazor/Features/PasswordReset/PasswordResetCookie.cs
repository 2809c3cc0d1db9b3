namespace AveroPortal.Blazor.Features.PasswordReset;

/// <summary>
/// The reset token moves from the link's query into this cookie on the first request, and the browser is sent on to
/// the address without it: the token then sits in no history, no bookmark and no Referer (the pages send
/// <c>Referrer-Policy: no-referrer</c> as well). HttpOnly, only for the reset pages, and as short-lived as the link.
/// SameSite=Lax, not Strict: the link is opened from a mail client, and the redirect that follows counts as the same
/// cross-site navigation, which would not carry a Strict cookie.
/// </summary>
internal static class PasswordResetCookie
{
    public const string Name = "Avero.Herstel";
    public const string Path = "/wachtwoord-herstellen";

    public static void Set(HttpContext http, string token) =>
        http.Response.Cookies.Append(Name, token, Options(http, Core.PasswordReset.PasswordResetTokens.Lifetime));

    public static string? Read(HttpContext http) => http.Request.Cookies[Name];

    public static void Delete(HttpContext http) => http.Response.Cookies.Delete(Name, Options(http, null));

    private static CookieOptions Options(HttpContext http, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = Path,
        MaxAge = maxAge,
        IsEssential = true,
    };
}
