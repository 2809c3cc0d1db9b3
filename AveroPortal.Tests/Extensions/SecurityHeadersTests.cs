using System.Net;
using System.Text.RegularExpressions;

namespace AveroPortal.Tests.Extensions;

/// <summary>The headers on every response: one Content-Security-Policy, Permissions-Policy, no Server header.</summary>
public sealed partial class SecurityHeadersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> PublicPaths => ["/", "/inloggen", "/inloggen/particulier", "/inloggen/zakelijk", "/support/inloggen",
        "/veelgestelde-vragen", "/account-aanmaken?token=onbekend", "/fout/404", "/bestaat-niet", "/app.css", "/autopost.js"];

    private static IReadOnlyList<string> Policies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Content-Security-Policy", out var values) ? values.ToList() : [];

    /// <summary>The policy as directive name → its sources.</summary>
    private static Dictionary<string, string[]> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0], parts => parts[1..]);

    private async Task<FormClient> SignedInAsync()
    {
        var client = FormClient.For(factory);
        var login = await client.LoginAsync(await factory.CreateAccountAsync());
        Assert.Equal("/mijn-overzicht", login.Target().AbsolutePath);
        return client;
    }

    [Theory]
    [MemberData(nameof(PublicPaths))]
    public async Task EveryResponseCarriesExactlyOnePolicy(string path)
    {
        var response = await FormClient.For(factory).Http.GetAsync(path);

        Assert.Single(Policies(response));
    }

    [Fact]
    public async Task AnInteractivePageNoLongerSendsFrameAncestorsTwice()
    {
        // Seen: frame-ancestors 'none' from the portal and a second policy with frame-ancestors 'self' from Blazor's
        // interactive server render mode.
        var client = await SignedInAsync();

        var overview = await client.Http.GetAsync("/mijn-overzicht");

        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("data-interactive", await overview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var policy = Assert.Single(Policies(overview));
        Assert.Equal(["'none'"], Directives(policy)["frame-ancestors"]);
    }

    [Fact]
    public async Task ThePolicyAllowsScriptOnlyFromThePortalsOwnFiles()
    {
        var policy = Directives(Assert.Single(Policies(await FormClient.For(factory).Http.GetAsync("/"))));

        Assert.Equal(["'self'"], policy["default-src"]);
        Assert.Equal(["'self'"], policy["script-src"]);
        Assert.Equal(["'none'"], policy["object-src"]);
        Assert.Equal(["'self'"], policy["base-uri"]);
        Assert.Equal(["'self'"], policy["connect-src"]);
        Assert.Equal(["'none'"], policy["frame-ancestors"]);
        Assert.Equal("'self'", policy["form-action"][0]);
        Assert.DoesNotContain(policy.Values.SelectMany(v => v), source => source.Contains("unsafe-eval", StringComparison.Ordinal) || source == "*");
        // Styles: MudBlazor writes style attributes and the theme's <style> element (see ContentSecurityPolicy).
        Assert.Equal(["'self'", "'unsafe-inline'"], policy["style-src"]);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/inloggen")]
    [InlineData("/inloggen/particulier")]
    [InlineData("/support/inloggen")]
    [InlineData("/veelgestelde-vragen")]
    [InlineData("/fout/404")]
    [InlineData("/mijn-overzicht")]
    [InlineData("/instellingen")]
    [InlineData("/instellingen/sessies")]
    public async Task NoPageCarriesAnInlineScriptOrEventHandler(string path)
    {
        var client = await SignedInAsync();

        var html = await client.GetAsync(path);

        Assert.Contains("<script src=", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
    }

    [Fact]
    public async Task TheServerHeaderNoLongerNamesKestrel()
    {
        await using var portal = new PortalFactory();
        var baseUrl = portal.StartKestrel();
        using var client = new HttpClient { BaseAddress = baseUrl };

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Headers.Server);
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task PermissionsPolicyTurnsOffCameraMicrophoneAndLocation()
    {
        var response = await FormClient.For(factory).Http.GetAsync("/");

        var policy = Assert.Single(response.Headers.GetValues("Permissions-Policy"));
        Assert.Contains("camera=()", policy, StringComparison.Ordinal);
        Assert.Contains("microphone=()", policy, StringComparison.Ordinal);
        Assert.Contains("geolocation=()", policy, StringComparison.Ordinal);
        Assert.Contains("payment=()", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task PermissionsPolicyAllowsPasskeysOnlyForThePortalItself()
    {
        var response = await FormClient.For(factory).Http.GetAsync("/inloggen/particulier");

        var policy = Assert.Single(response.Headers.GetValues("Permissions-Policy"));
        Assert.Contains("publickey-credentials-get=(self)", policy, StringComparison.Ordinal);
        Assert.Contains("publickey-credentials-create=(self)", policy, StringComparison.Ordinal);
        Assert.Contains("usb=()", policy, StringComparison.Ordinal);
        // WebAuthn from a frame of another site stays refused, and the pages may not be framed at all.
        Assert.DoesNotContain("*", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEHerkenningPostPageSubmitsWithoutInlineScriptAndMayPostToTheBroker()
    {
        await using var portal = new PortalFactory { EnvironmentName = "Development", Settings = EHerkenningSettings.For("http://portaal.example/", testBroker: true) };
        var client = FormClient.For(portal);
        var token = FormClient.AntiforgeryToken(await client.GetAsync("/inloggen/eherkenning"));

        var response = await client.Http.PostAsync("/eherkenning/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["start"] = "1", ["__RequestVerificationToken"] = token }));

        var html = await response.Content.ReadAsStringAsync();
        var destination = new Uri(Regex.Match(html, "<form method=\"post\" action=\"([^\"]+)\"").Groups[1].Value);
        Assert.Equal("/testmakelaar/sso", destination.AbsolutePath);
        var policy = Directives(Assert.Single(Policies(response)));
        Assert.Contains(destination.GetLeftPart(UriPartial.Authority), policy["form-action"]);
        Assert.Equal(["'self'"], policy["script-src"]);
        Assert.Contains("<script src=\"/autopost.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
        var script = await client.Http.GetAsync("/autopost.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("document.forms[0].submit()", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBankChoiceFormMayBeRedirectedToTheIdinBroker()
    {
        // Chrome applies form-action to the redirect after a form post: /idin/start answers with the broker's
        // authorize endpoint, under its Authority.
        await using var portal = new PortalFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Avero:Idin:Enabled"] = "true",
                ["Avero:Idin:Broker"] = "broker-test",
                ["Avero:Idin:Authority"] = "https://idin-broker.example:8443/oidc",
                ["Avero:Idin:ClientId"] = "avero",
                ["Avero:Idin:ClientSecret"] = "geheim-geheim-geheim",
            },
        };

        var response = await FormClient.For(portal).Http.GetAsync("/inloggen/idin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var formAction = Directives(Assert.Single(Policies(response)))["form-action"];
        Assert.Equal(["'self'", "https://idin-broker.example:8443"], formAction);
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<[^>]+\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}
