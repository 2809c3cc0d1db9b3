using System.Security.Cryptography;
using System.Text.Json;
using AveroPortal.Core.Colleagues;
using Microsoft.AspNetCore.DataProtection;
using MudBlazor;

namespace AveroPortal.Blazor.Features.Colleagues;

/// <summary>
/// What the colleagues page says after an action: the endpoint answers with a redirect back to <c>/collegas</c>
/// (post, redirect, get), so the message travels in a short-lived protected cookie rather than in the address, where
/// anyone could put a sentence of their choosing on the page. An invitation refused for its input also carries
/// what was typed, so the form shows it again with the problem at the field.
/// </summary>
internal sealed record ColleagueNotice(Severity Severity, string? Key, string[] Values, string? Email = null, string? Name = null,
    InviteProblem Problem = InviteProblem.None)
{
    private const string CookieName = "Avero.Collegas";
    private const string Purpose = "AveroPortal.Colleagues.Notice";

    public void Set(HttpContext http)
    {
        var protector = http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        http.Response.Cookies.Append(CookieName, protector.Protect(JsonSerializer.Serialize(this)), new CookieOptions
        {
            Path = ColleagueEndpoints.PagePath,
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromMinutes(5),
            IsEssential = true,
        });
    }

    /// <summary>The notice of the last action, shown once: reading it deletes the cookie.</summary>
    public static ColleagueNotice? Take(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!http.Response.HasStarted)
        {
            http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = ColleagueEndpoints.PagePath });
        }

        try
        {
            var protector = http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
            return JsonSerializer.Deserialize<ColleagueNotice>(protector.Unprotect(value));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            // Tampered with, or from a key ring that is gone: there is simply nothing to say.
            return null;
        }
    }
}
