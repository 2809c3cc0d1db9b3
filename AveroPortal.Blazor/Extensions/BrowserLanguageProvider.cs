using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace AveroPortal.Blazor.Extensions;

/// <summary>
/// Without a choice made with the language switch (the culture cookie, asked first), the browser's Accept-Language
/// decides between the portal's two languages: the most preferred tag that is English (en, en-GB, ...) or Dutch wins;
/// a browser that asks for neither gets Dutch.
/// </summary>
internal sealed class BrowserLanguageProvider : RequestCultureProvider
{
    public const string English = "en";
    public const string Dutch = "nl-NL";

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var culture = Choose(httpContext.Request.Headers.AcceptLanguage.ToString());
        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture));
    }

    /// <summary>The portal's culture for an Accept-Language header value (which may be empty or malformed).</summary>
    public static string Choose(string? acceptLanguage)
    {
        if (string.IsNullOrWhiteSpace(acceptLanguage)
            || !StringWithQualityHeaderValue.TryParseList(acceptLanguage.Split(',').Take(20).ToList(), out var values))
        {
            return Dutch;
        }

        foreach (var value in values.Where(v => (v.Quality ?? 1) > 0).OrderByDescending(v => v.Quality ?? 1))
        {
            var tag = value.Value.ToString();
            if (IsLanguage(tag, "en"))
            {
                return English;
            }

            if (IsLanguage(tag, "nl"))
            {
                return Dutch;
            }
        }

        return Dutch;
    }

    private static bool IsLanguage(string tag, string language) =>
        tag.Equals(language, StringComparison.OrdinalIgnoreCase)
        || tag.StartsWith(language + "-", StringComparison.OrdinalIgnoreCase);
}
