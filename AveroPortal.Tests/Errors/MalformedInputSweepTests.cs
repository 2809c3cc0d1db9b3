using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AveroPortal.Core.Login;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Xunit.Abstractions;

namespace AveroPortal.Tests.Errors;

/// <summary>
/// Every public route (read from the portal's own endpoint list, so a new page or endpoint is swept without being
/// named here) and every form, anonymous and signed in, with malformed input: hostile query strings and cookies,
/// every method, and form bodies that are broken in each way a client can break them. No answer may be a 5xx, a
/// stack trace, a framework's English sentence or markup from the request, and the database must not change except
/// for login events. The portal runs in Development with eHerkenning, iDIN and both test brokers on, so their
/// routes are swept too. The protocol endpoints (the SAML ACS and the Development test brokers) are swept in a test of
/// their own: they answer in their protocol's own way (a SAML failure page, an OAuth error), so an answer there only
/// has to be free of 5xx, stack traces, English framework text and reflected markup.
/// </summary>
public sealed partial class MalformedInputSweepTests(MalformedInputSweepTests.Portal portal, ITestOutputHelper output)
    : IClassFixture<MalformedInputSweepTests.Portal>
{
    private const string Probe = "<x-avero-probe>";
    private const string FormType = "application/x-www-form-urlencoded";

    /// <summary>Paths that are no endpoint: the iDIN handler's own callback and sign-out paths, an unknown address.</summary>
    private static readonly string[] ExtraPaths = ["/idin/callback", "/signout-oidc", "/signout-callback-oidc", "/bestaat-niet", "/inloggen/bestaat-niet"];

    private static readonly string[] ProtocolPrefixes = ["/eherkenning/acs", "/testmakelaar", "/dev/idin-broker"];

    /// <summary>Form names of pages that only show them in some states (a pending login, a started replacement).</summary>
    private static readonly string[] KnownFormNames =
        ["password", "code", "enroll", "create-account", "change-password", "replace-start", "replace-confirm", "sign-out-elsewhere",
         "forgotten-password", "reset-code", "reset-password"];

    /// <summary>Sentences and names ASP.NET Core, Blazor, SignalR and Kestrel put in their own answers.</summary>
    private static readonly string[] FrameworkTexts =
    [
        "Exception", ".cs:line", "Cannot submit the form", "does not specify which form", "Bad Request", "Connection ID required",
        "No Connection with that ID", "ntiforgery", "Form value count limit", "Form key length limit", "Unexpected end of",
        "Request body too large", "Internal Server Error", "nhandled exception", "Status Code:", "HTTP Error", "Method Not Allowed",
        "Unsupported Media Type", "Payload Too Large", "Missing content-type boundary", "Invalid URI",
    ];

    private static readonly HttpMethod[] OtherMethods =
        [HttpMethod.Head, HttpMethod.Options, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, new("PROPFIND"), new("X-AVERO")];

    /// <summary>The portal on Kestrel in Development.</summary>
    public sealed class Portal : IAsyncLifetime
    {
        public PortalFactory Factory { get; private set; } = default!;

        public Uri BaseUrl { get; private set; } = default!;

        public Task InitializeAsync()
        {
            var port = PortalFactory.FreePort();
            Factory = new PortalFactory
            {
                EnvironmentName = "Development",
                LoginRateLimitPerMinute = 1_000_000,
                Settings = EHerkenningSettings.For($"http://127.0.0.1:{port}/", testBroker: true),
            };
            BaseUrl = Factory.StartKestrel(port);
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    private sealed record Route(string Path, bool IsPage);

    private sealed record Body(string Kind, string? ContentType, byte[] Bytes);

    /// <summary>Every route the portal maps, with its parameters filled in, plus the paths that are no endpoint.</summary>
    private List<Route> Routes()
    {
        var routes = new Dictionary<string, Route>();
        foreach (var endpoint in portal.Factory.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            var raw = pattern.RawText ?? "";
            // Static files (the framework's scripts, MudBlazor, the portal's css) and their catch-all are no route of the portal.
            if (FileName().IsMatch(raw) || pattern.Parameters.Any(p => p.IsCatchAll))
            {
                continue;
            }

            var path = "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                // Dutch, so the rest of the sweep still reads the Dutch pages.
                RoutePatternParameterPart { Name: "culture" } => "nl-NL",
                RoutePatternParameterPart { Name: "Code" } => "400",
                RoutePatternParameterPart => "1",
                RoutePatternSeparatorPart separator => separator.Content,
                _ => "",
            }))));
            var isPage = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            routes[path] = new Route(path, isPage || (routes.TryGetValue(path, out var known) && known.IsPage));
        }

        foreach (var path in ExtraPaths)
        {
            routes.TryAdd(path, new Route(path, false));
        }

        return [.. routes.Values.OrderBy(r => r.Path, StringComparer.Ordinal)];
    }

    private static bool IsProtocol(string path) => ProtocolPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal));

    private FormClient NewClient() =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = portal.BaseUrl, Timeout = TimeSpan.FromSeconds(60) });

    private async Task<(FormClient Anonymous, string AnonymousToken, FormClient SignedIn, string SignedInToken)> ClientsAsync()
    {
        var anonymous = NewClient();
        var anonymousToken = FormClient.AntiforgeryToken(await anonymous.GetAsync("/inloggen/particulier"));
        // A business customer of its own per sweep (settings and colleagues), so no code is used twice.
        var signedIn = NewClient();
        Assert.Equal("/mijn-overzicht", (await signedIn.LoginAsync(await portal.Factory.CreateAccountAsync(Portals.Business))).Target().AbsolutePath);
        var signedInToken = FormClient.AntiforgeryToken(await signedIn.GetAsync("/instellingen/wachtwoord"));
        return (anonymous, anonymousToken, signedIn, signedInToken);
    }

    [Fact]
    public async Task NoPortalRouteOrFormAnswersMalformedInputWithA5xxEnglishTextOrReflectedMarkupAndNothingIsStored()
    {
        var routes = Routes().Where(r => !IsProtocol(r.Path)).ToList();
        Assert.Contains(routes, r => r.Path == "/inloggen/particulier" && r.IsPage);
        Assert.Contains(routes, r => r.Path == "/uitloggen");
        Assert.Contains(routes, r => r.Path == "/idin/start");
        Assert.Contains(routes, r => r.Path == "/eherkenning/login");
        Assert.Contains(routes, r => r.Path.StartsWith("/taal/", StringComparison.Ordinal));

        await SweepAsync(routes, protocol: false);
    }

    [Fact]
    public async Task NoProtocolEndpointAnswersMalformedInputWithA5xxEnglishTextOrReflectedMarkupAndNothingIsStored()
    {
        var routes = Routes().Where(r => IsProtocol(r.Path)).ToList();
        Assert.Contains(routes, r => r.Path == "/eherkenning/acs");
        Assert.Contains(routes, r => r.Path == "/testmakelaar/sso");
        Assert.Contains(routes, r => r.Path == "/dev/idin-broker/token");

        await SweepAsync(routes, protocol: true);
    }

    private async Task SweepAsync(List<Route> routes, bool protocol)
    {
        var (anonymous, anonymousToken, signedIn, signedInToken) = await ClientsAsync();
        var before = await SnapshotAsync();
        var failures = new List<string>();
        var requests = 0;
        var clock = Stopwatch.StartNew();

        foreach (var (client, token, who) in new[] { (anonymous, anonymousToken, "anoniem"), (signedIn, signedInToken, "ingelogd") })
        {
            foreach (var route in routes)
            {
                async Task Check(string kind, HttpRequestMessage request)
                {
                    requests++;
                    using var response = await client.Http.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    foreach (var problem in Problems(response, body, protocol))
                    {
                        failures.Add($"{who} {request.Method} {route.Path} [{kind}]: {problem}");
                    }
                }

                // Hostile query string; the page's own form names for the bodies below come from this answer.
                var get = new HttpRequestMessage(HttpMethod.Get, route.Path + HostileQuery);
                requests++;
                using var page = await client.Http.SendAsync(get);
                var html = await page.Content.ReadAsStringAsync();
                failures.AddRange(Problems(page, html, protocol).Select(p => $"{who} GET {route.Path} [hostile query]: {p}"));

                var cookies = new HttpRequestMessage(HttpMethod.Get, route.Path);
                cookies.Headers.Add("Cookie", GarbageCookies);
                await Check("garbage cookies", cookies);

                foreach (var method in OtherMethods)
                {
                    await Check("method", new HttpRequestMessage(method, route.Path) { Content = method == HttpMethod.Head ? null : Form("x=1") });
                }

                var handlers = FormNames().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();
                foreach (var body in Bodies(handlers.FirstOrDefault() ?? "x", token))
                {
                    await Check(body.Kind, Post(route.Path, body));
                }

                if (route.IsPage)
                {
                    // Well-formed posts with hostile values for every form the page may show: the page's own Dutch
                    // answer, the values escaped. The e-mail address is no address, so no login is even tried.
                    foreach (var handler in handlers.Union(KnownFormNames))
                    {
                        await Check("hostile values for " + handler, Post(route.Path, HostileValues(handler, token)));
                    }
                }
            }
        }

        // Still signed in: the signed-in half of the sweep really ran signed in, and no refused post ended the session.
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Http.GetAsync("/mijn-overzicht")).StatusCode);
        output.WriteLine($"{routes.Count} routes, {requests} requests in {clock.Elapsed.TotalSeconds:F1} s");
        var after = await SnapshotAsync();
        var changed = before.Keys.Union(after.Keys).Where(t => !before.TryGetValue(t, out var b) || !after.TryGetValue(t, out var a) || b != a).ToList();
        Assert.True(failures.Count == 0 && changed.Count == 0,
            $"Tables changed by malformed input: {(changed.Count == 0 ? "none" : string.Join(", ", changed))}.\n"
            + $"{failures.Count} of {requests} answers were wrong:\n" + string.Join('\n', failures.Take(300)));
    }

    [GeneratedRegex(@"\.[A-Za-z0-9]+$")]
    private static partial Regex FileName();

    [GeneratedRegex("name=\"_handler\" value=\"([^\"]+)\"")]
    private static partial Regex FormNames();
}
