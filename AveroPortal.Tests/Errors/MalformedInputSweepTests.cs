using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
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
        ["password", "code", "enroll", "create-account", "change-password", "replace-start", "replace-confirm", "sign-out-elsewhere"];

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

    private const string HostileQuery = "?ReturnUrl=%3Cx-avero-probe%3E&terug=%2F%2Fevil.example%2F%3Cx-avero-probe%3E&reden=%3Cx-avero-probe%3E"
        + "&melding=%3Cx-avero-probe%3E&token=%3Cx-avero-probe%3E&id=%00%3Cx-avero-probe%3E&uitgelogd=%FF%FE&verlopen=1&verlopen=2"
        + "&SAMLart=%3Cx-avero-probe%3E&RelayState=%3Cx-avero-probe%3E&code=%3Cx-avero-probe%3E&state=%3Cx-avero-probe%3E"
        + "&error=%3Cx-avero-probe%3E&%3Cx-avero-probe%3E=1";

    private const string GarbageCookies = ".AspNetCore.Culture=c%3Dxx-%00%7Cuic%3D%3Cx-avero-probe%3E; Avero.Sessie=CfDJ8garbage; "
        + ".AspNetCore.Antiforgery.abcdefghijk=CfDJ8-not-a-token; Avero.Inloggen=%3Cx-avero-probe%3E; Avero.iDIN.Bank=%3Cx-avero-probe%3E; "
        + "Avero.eHerkenning=%3Cx-avero-probe%3E";

    private static IEnumerable<string> Problems(HttpResponseMessage response, string body, bool protocol)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            yield return $"status {status}";
        }

        // A 429 means the sweep did not reach the endpoint: the factory's limits must be high enough.
        if (status == 429)
        {
            yield return "rate limited, so not swept";
        }

        if (StackFrame().IsMatch(body))
        {
            yield return "stack trace";
        }

        foreach (var text in FrameworkTexts.Where(t => body.Contains(t, StringComparison.Ordinal)))
        {
            yield return $"framework text \"{text}\"";
        }

        if (body.Contains(Probe, StringComparison.Ordinal))
        {
            yield return "the probe markup came back unescaped";
        }

        if (!protocol && status >= 400 && body.Length > 0 && !body.Contains("<html lang=\"nl\"", StringComparison.Ordinal))
        {
            yield return $"status {status} without the Dutch page: {body[..Math.Min(body.Length, 120)]}";
        }

        // The circuit's own endpoints (SignalR, Blazor's disconnect) answer a wrong method themselves, without Allow.
        if (!protocol && status == 405 && response.Content.Headers.Allow.Count == 0
            && !response.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/_blazor", StringComparison.Ordinal))
        {
            yield return "405 without Allow";
        }
    }

    private static HttpRequestMessage Post(string path, Body body)
    {
        var content = new ByteArrayContent(body.Bytes);
        content.Headers.ContentType = body.ContentType is null ? null : MediaTypeHeaderValue.Parse(body.ContentType);
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    private static ByteArrayContent Form(string text)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue(FormType);
        return content;
    }

    private static Body HostileValues(string handler, string token)
    {
        var probe = Uri.EscapeDataString(Probe);
        var fields = new[] { "Model.Email", "Model.Password", "Model.Code", "Model.CurrentPassword", "Model.NewPassword", "Model.Repeat", "Start.Code", "Confirm.Code", "bank", "returnUrl", "start" };
        return new Body("hostile values", FormType, Encoding.ASCII.GetBytes(
            $"_handler={Uri.EscapeDataString(handler)}&__RequestVerificationToken={Uri.EscapeDataString(token)}" + string.Concat(fields.Select(f => $"&{f}={probe}"))));
    }

    /// <summary>Form bodies broken in each way; where the format allows, they carry the form name and a valid token.</summary>
    private static IEnumerable<Body> Bodies(string handler, string token)
    {
        var probe = Uri.EscapeDataString(Probe);
        var form = $"_handler={Uri.EscapeDataString(handler)}&__RequestVerificationToken={Uri.EscapeDataString(token)}";
        Body Text(string kind, string? type, string text) => new(kind, type, Encoding.UTF8.GetBytes(text));
        string Part(string name, string value) => $"--XYZ\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n";

        yield return Text("NUL", FormType, form + "&Model.Email=a%00" + probe);
        yield return new Body("raw NUL byte", FormType, [.. Encoding.ASCII.GetBytes(form + "&Model.Email=a"), 0, .. Encoding.ASCII.GetBytes(probe)]);
        yield return Text("control characters", FormType, form + "&Model.Email=" + Uri.EscapeDataString("\u0001\u001b[31m\u007f") + probe + "&x%01y=" + probe);
        yield return Text("1,100 fields", FormType, form + string.Concat(Enumerable.Range(0, 1100).Select(i => $"&f{i}={probe}")));
        yield return Text("one field 1,100 times", FormType, form + string.Concat(Enumerable.Repeat("&Model.Email=" + probe, 1100)));
        yield return Text("100 kB field name", FormType, form + "&" + new string('n', 100_000) + "=" + probe);
        yield return Text("broken multipart", "multipart/form-data; boundary=XYZ", Part("_handler", handler) + Part("__RequestVerificationToken", token) + "--XYZ\r\nContent-Disposition: form-data; name=\"Model.Email\"\r\n\r\n" + Probe);
        yield return Text("multipart without boundary", "multipart/form-data", Part("_handler", handler) + "--XYZ--\r\n");
        yield return Text("multipart with a file", "multipart/form-data; boundary=XYZ",
            Part("_handler", handler) + Part("__RequestVerificationToken", token) + "--XYZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.html\"\r\n\r\n" + Probe + "\r\n--XYZ--\r\n");
        yield return Text("empty body", FormType, "");
        yield return Text("empty body without content type", null, "");
        yield return Text("1 MB body", FormType, form + "&Model.Email=" + probe + new string('a', 1024 * 1024));
        yield return Text("invalid UTF-8", FormType, form + "&Model.Email=%C3%28%FF" + probe);
        yield return new Body("raw invalid UTF-8", FormType, [.. Encoding.ASCII.GetBytes(form + "&Model.Email="), 0xC3, 0x28, 0xFF, .. Encoding.ASCII.GetBytes(probe)]);
        yield return Text("broken percent escape", FormType, form + "&Model.Email=%4" + probe + "%");
        yield return Text("text/plain", "text/plain", form + "&Model.Email=" + Probe);
        yield return Text("XML", "application/xml", "<?xml version=\"1.0\"?>" + Probe);
        yield return Text("JSON", "application/json", $"{{\"_handler\":\"{handler}\",\"__RequestVerificationToken\":\"{token}\",\"Model.Email\":\"{Probe}\"}}");
        yield return Text("unknown content type", "application/x-avero", form);
        yield return Text("duplicate token", FormType, form + $"&__RequestVerificationToken={Uri.EscapeDataString(token)}&Model.Email=" + probe);
        yield return Text("second, different token", FormType, form + "&__RequestVerificationToken=CfDJ8" + probe + "&Model.Email=" + probe);
        yield return Text("missing token", FormType, $"_handler={Uri.EscapeDataString(handler)}&Model.Email=" + probe);
    }

    /// <summary>Each table's rows as text (login events left out; a session's last-seen time moves with every read).</summary>
    private async Task<Dictionary<string, string>> SnapshotAsync()
    {
        await using var connection = await portal.Factory.Get<Db>().OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'login_events' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var snapshot = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            // The names come from sqlite_master, not from input.
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            await using var reader = await select.ExecuteReaderAsync();
            var rows = new StringBuilder();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!(table == "sessions" && reader.GetName(i) == "last_seen_at"))
                    {
                        rows.Append(reader.GetName(i)).Append('=').Append(reader.GetValue(i)).Append(';');
                    }
                }

                rows.Append('\n');
            }

            snapshot[table] = rows.ToString();
        }

        return snapshot;
    }

    [GeneratedRegex(@"\bat [A-Z][\w.`]+\.\w+\(")]
    private static partial Regex StackFrame();

    [GeneratedRegex(@"\.[A-Za-z0-9]+$")]
    private static partial Regex FileName();

    [GeneratedRegex("name=\"_handler\" value=\"([^\"]+)\"")]
    private static partial Regex FormNames();
}
