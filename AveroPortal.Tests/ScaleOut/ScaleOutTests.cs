using System.Net;
using AveroPortal.Core.Login;
using AveroPortal.Tests.Browser;
using AveroPortal.Tests.Support;
using AveroPortal.Tests.Web;
using Microsoft.Playwright;

namespace AveroPortal.Tests.ScaleOut;

/// <summary>
/// Two portal instances on one PostgreSQL database behind nginx with sticky sessions. Everything one instance
/// knows that another may need (sessions, time steps, Data Protection keys) lives in the shared database.
/// </summary>
public sealed class ScaleOutTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private PortalFactory _a = default!;
    private PortalFactory _b = default!;
    private NginxServer _nginx = default!;

    public async Task InitializeAsync()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        PortalFactory Instance(string name) => new()
        {
            Settings = new Dictionary<string, string>
            {
                ["Avero:Database:Provider"] = "PostgreSql",
                ["Avero:Database:ConnectionString"] = connectionString,
                ["Avero:InstanceName"] = name,
            },
        };

        _a = Instance("a");
        _b = Instance("b");
        // One after the other: the first creates the Data Protection key ring in the database, the second reads it.
        var portA = _a.StartKestrel().Port;
        var portB = _b.StartKestrel().Port;
        _nginx = await NginxServer.StartAsync([portA, portB]);
    }

    /// <summary>A browser without JavaScript behind nginx, pinned to instance 1 (a) or 2 (b) by the avero_node cookie.</summary>
    private sealed class Client(NginxServer nginx)
    {
        private readonly CookieContainer _cookies = new();
        private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = nginx.BaseUrl,
        };

        public void PinTo(int node) => _cookies.SetCookies(nginx.BaseUrl, $"avero_node={node}; path=/");

        public async Task<(HttpResponseMessage Response, string Body)> SendAsync(HttpMethod method, string path, Dictionary<string, string>? form = null)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Add("Cookie", _cookies.GetCookieHeader(nginx.BaseUrl));
            if (form is not null)
            {
                request.Content = new FormUrlEncodedContent(form);
            }

            var response = await _http.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var cookie in setCookies)
                {
                    _cookies.SetCookies(nginx.BaseUrl, cookie);
                }
            }

            return (response, await response.Content.ReadAsStringAsync());
        }

        public async Task<(HttpResponseMessage Response, string Body)> PostFormAsync(string path, string handler, Dictionary<string, string> fields)
        {
            var (_, page) = await SendAsync(HttpMethod.Get, path);
            fields["_handler"] = handler;
            fields["__RequestVerificationToken"] = FormClient.AntiforgeryToken(page);
            return await SendAsync(HttpMethod.Post, path, fields);
        }
    }

    private static string InstanceOf(HttpResponseMessage response) => response.Headers.GetValues("X-Avero-Instance").Single();

    [Fact]
    public async Task ALoginStartedOnOneInstanceCompletesOnTheOther()
    {
        var account = await _a.CreateAccountAsync();
        var client = new Client(_nginx);

        client.PinTo(1);
        var (password, _) = await client.PostFormAsync("/inloggen/particulier", "password",
            new() { ["Model.Email"] = account.Email, ["Model.Password"] = account.Password });
        Assert.Equal("a", InstanceOf(password));
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);

        // The pending-login cookie and the anti-forgery token of instance a are read by instance b.
        client.PinTo(2);
        var (code, _) = await client.PostFormAsync("/inloggen/code", "code", new() { ["Model.Code"] = account.Code() });
        Assert.Equal("b", InstanceOf(code));
        Assert.Equal("/mijn-overzicht", code.Target().AbsolutePath);

        // The session started on b is known to a.
        client.PinTo(1);
        var (overview, body) = await client.SendAsync(HttpMethod.Get, "/mijn-overzicht");
        Assert.Equal("a", InstanceOf(overview));
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("Tessa", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACodeAcceptedOnOneInstanceIsRefusedOnTheOther()
    {
        var account = await _a.CreateAccountAsync();
        var code = account.Code();
        var first = new Client(_nginx);
        first.PinTo(1);
        await first.PostFormAsync("/inloggen/particulier", "password", new() { ["Model.Email"] = account.Email, ["Model.Password"] = account.Password });
        var (accepted, _) = await first.PostFormAsync("/inloggen/code", "code", new() { ["Model.Code"] = code });
        Assert.Equal("a", InstanceOf(accepted));
        Assert.Equal("/mijn-overzicht", accepted.Target().AbsolutePath);

        var second = new Client(_nginx);
        second.PinTo(2);
        await second.PostFormAsync("/inloggen/particulier", "password", new() { ["Model.Email"] = account.Email, ["Model.Password"] = account.Password });
        var (replayed, body) = await second.PostFormAsync("/inloggen/code", "code", new() { ["Model.Code"] = code });

        Assert.Equal("b", InstanceOf(replayed));
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(Dutch.CodeWrong, FormClient.ErrorText(body));
        Assert.Equal(LoginOutcomes.ReplayedCode, await _b.LastOutcomeAsync(account.Id));
    }

    [Fact]
    public async Task AnInteractivePageKeepsItsCircuitThroughNginx()
    {
        // Sticky by client address: the browser's negotiate, WebSocket and page requests all reach one instance.
        var account = await _a.CreateAccountAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await (await browser.NewContextAsync(new() { BaseURL = _nginx.BaseUrl.ToString(), Locale = "nl-NL" })).NewPageAsync();
        await page.GotoAsync("/inloggen/particulier");
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/code");
        await page.GetByLabel("Code van 6 cijfers").FillAsync(account.Code());
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.WaitForURLAsync("**/mijn-overzicht");

        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByText(account.Email)).ToBeVisibleAsync();
    }

    public async Task DisposeAsync()
    {
        await _nginx.DisposeAsync();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }
}
