using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace AveroPortal.Tests.Infrastructure;

internal static class Responses
{
    public const string SessionCookie = "Avero.Sessie";
    public const string PendingCookie = "Avero.Inloggen";

    /// <summary>The cookie the response sets (not one it deletes), or null.</summary>
    public static SetCookieHeaderValue? SetsCookie(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(HeaderNames.SetCookie, out var values)
            ? SetCookieHeaderValue.ParseList(values.ToList()).LastOrDefault(c => c.Name == name && c.Value.Length > 0)
            : null;

    /// <summary>Where a redirect leads, resolved against the request, so relative and absolute Locations compare alike.</summary>
    public static Uri Target(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location ?? throw new InvalidOperationException("A redirect without a Location.");
        return location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
    }

    public static string? QueryValue(this Uri uri, string name) =>
        QueryHelpers.ParseQuery(uri.Query).TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>The page as a reader sees it: character references decoded (the renderer writes é as &amp;#xE9;).</summary>
    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
