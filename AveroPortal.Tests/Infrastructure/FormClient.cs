using System.Net;
using System.Text.RegularExpressions;

namespace AveroPortal.Tests.Infrastructure;

/// <summary>
/// Drives the static SSR forms like a browser without JavaScript: GET the page, read its anti-forgery token, POST
/// the fields. Cookies are kept between calls; redirects are not followed so tests can see them.
/// </summary>
public sealed partial class FormClient(HttpClient client)
{
    public HttpClient Http => client;

    public static FormClient For(PortalFactory factory, string remoteIp = "127.0.0.1") =>
        new(factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<string> GetAsync(string path)
    {
        var response = await client.GetAsync(path);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, string handler, IDictionary<string, string> fields, bool withToken = true)
    {
        var page = await GetAsync(path);
        var values = new Dictionary<string, string>(fields) { ["_handler"] = handler };
        if (withToken)
        {
            values["__RequestVerificationToken"] = AntiforgeryToken(page);
        }

        return await client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    public Task<HttpResponseMessage> PostPasswordAsync(string portalSlug, string email, string password) =>
        PostFormAsync($"/inloggen/{portalSlug}", "password", new Dictionary<string, string> { ["Model.Email"] = email, ["Model.Password"] = password });

    public Task<HttpResponseMessage> PostCodeAsync(string code) =>
        PostFormAsync("/inloggen/code", "code", new Dictionary<string, string> { ["Model.Code"] = code });

    /// <summary>Password and code; returns the response to the code post.</summary>
    public async Task<HttpResponseMessage> LoginAsync(TestAccount account)
    {
        var password = await PostFormAsync(account.LoginPath, "password",
            new Dictionary<string, string> { ["Model.Email"] = account.Email, ["Model.Password"] = account.Password });
        if (password.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException("Password step did not redirect: " + password.StatusCode);
        }

        return await PostCodeAsync(account.Code());
    }

    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("No anti-forgery token on the page.");

    public static string? ErrorText(string html) =>
        ErrorPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("data-testid=\"(?:login|code)-error\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex ErrorPattern();
}
