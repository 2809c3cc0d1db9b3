using System.Net;
using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using Dapper;
using Microsoft.Playwright;

namespace AveroPortal.Tests.ScaleOut;

/// <summary>
/// Two portal instances on one PostgreSQL database behind nginx with sticky sessions. Everything one instance
/// knows that another may need (sessions, time steps, Data Protection keys) lives in the shared database. The
/// instances trust nginx (and only nginx) as their reverse proxy: clients on 127.0.0.2 and 127.0.0.3 are told apart.
/// </summary>
public sealed class ScaleOutTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    /// <summary>Writes per client per minute and instance: more than any other test here makes from one address.</summary>
    private const int Limit = 6;

    private static readonly IPAddress First = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Second = IPAddress.Parse("127.0.0.3");

    private PortalFactory _a = default!;
    private PortalFactory _b = default!;
    private NginxServer _nginx = default!;

    public async Task InitializeAsync()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        PortalFactory Instance(string name) => new()
        {
            LoginRateLimitPerMinute = Limit,
            Settings = new Dictionary<string, string>
            {
                ["Avero:Database:Provider"] = "PostgreSql",
                ["Avero:Database:ConnectionString"] = connectionString,
                ["Avero:InstanceName"] = name,
                ["Avero:ReverseProxy:KnownProxies:0"] = NginxServer.ProxyAddress.ToString(),
            },
        };

        _a = Instance("a");
        _b = Instance("b");
        // One after the other: the first creates the Data Protection key ring in the database, the second reads it.
        var portA = _a.StartKestrel().Port;
        var portB = _b.StartKestrel().Port;
        _nginx = await NginxServer.StartAsync([portA, portB]);
    }

    /// <summary>
    /// A browser without JavaScript behind nginx, pinned to instance 1 (a) or 2 (b) by the avero_node cookie; from
    /// a loopback address of its own when given, over TLS to nginx when asked.
    /// </summary>
    private sealed class Client
    {
        private readonly CookieContainer _cookies = new();
        private readonly Uri _base;
        private readonly FormClient _form;

        public Client(NginxServer nginx, IPAddress? from = null, bool tls = false)
        {
            _base = tls ? nginx.TlsBaseUrl : nginx.BaseUrl;
            _form = new FormClient(LoopbackClient.From(from ?? IPAddress.Loopback, _base, _cookies, tls ? nginx.Certificate : null));
        }

        public void PinTo(int node) => _cookies.Add(_base, new System.Net.Cookie("avero_node", node.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        public async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path)
        {
            var response = await _form.Http.GetAsync(path);
            return (response, await response.Content.ReadAsStringAsync());
        }

        public async Task<(HttpResponseMessage Response, string Body)> PostFormAsync(string path, string handler, Dictionary<string, string> fields)
        {
            var response = await _form.PostFormAsync(path, handler, fields);
            return (response, await response.Content.ReadAsStringAsync());
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
        var (overview, body) = await client.GetAsync("/mijn-overzicht");
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

    /// <summary>Chromium on 127.0.0.1 behind nginx; sticky by client address, so its page, negotiate and WebSocket reach one instance.</summary>
    private async Task<(IPlaywright Playwright, IBrowser Browser, IPage Page)> BrowserAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await (await browser.NewContextAsync(new() { BaseURL = _nginx.BaseUrl.ToString(), Locale = "nl-NL" })).NewPageAsync();
        return (playwright, browser, page);
    }

    private static async Task LogInAsync(IPage page, TestAccount account)
    {
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/code");
        await page.GetByLabel("Code van 6 cijfers").FillAsync(account.Code());
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
    }

    [Fact]
    public async Task AnInteractivePageKeepsItsCircuitThroughNginx()
    {
        // Sticky by client address: the browser's negotiate, WebSocket and page requests all reach one instance.
        var account = await _a.CreateAccountAsync();
        var (playwright, browser, page) = await BrowserAsync();
        using (playwright)
        await using (browser)
        {
            await page.GotoAsync("/inloggen/particulier");
            await LogInAsync(page, account);
            await page.WaitForURLAsync("**/mijn-overzicht");

            await page.WaitForInteractiveAsync();
            await Assertions.Expect(page.GetByText(account.Email)).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task TheSupportAuditRecordsTheAgentsAddressNotNginxs()
    {
        // Seen: the support audit showed the proxy's address. The action runs in a circuit, which has no request of
        // its own: the address comes from the request that opened the page.
        var customer = await _a.CreateAccountAsync();
        var agent = await _a.CreateStaffAsync();
        var (playwright, browser, page) = await BrowserAsync();
        using (playwright)
        await using (browser)
        {
            await page.GotoAsync("/support/inloggen");
            await LogInAsync(page, agent);
            await page.WaitForURLAsync("**/support");
            await page.WaitForInteractiveAsync();
            await page.GetByLabel("E-mailadres, naam, klantnummer of KVK-nummer").FillAsync(customer.Email);
            await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
            await page.GetByTestId("search-hit").First.ClickAsync();
            await page.WaitForURLAsync("**/support/klant/*");
            await page.WaitForInteractiveAsync();
            await page.GetByTestId("unlink").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("Hoe is de identiteit van de beller gecontroleerd?").FillAsync("geboortedatum + polisnummer");
            await dialog.GetByLabel("Reden").FillAsync("nieuwe telefoon");
            await dialog.GetByTestId("confirm-action").ClickAsync();
            await Assertions.Expect(page.GetByTestId("action-result")).ToContainTextAsync("ontkoppeld");
        }

        var audit = Assert.Single(await _a.Get<global::AveroPortal.Core.Support.SupportAuditRepository>().ForAccountAsync(customer.Id));
        Assert.Equal("127.0.0.1", audit.RemoteIp);
    }

    [Fact]
    public async Task TwoClientsBehindNginxNoLongerShareOneRateLimitBucket()
    {
        // Seen: behind nginx every client had the proxy's address, so one client could block logins for everyone.
        var first = new Client(_nginx, First);
        var second = new Client(_nginx, Second);
        first.PinTo(1);
        second.PinTo(1);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Limit; i++)
        {
            statuses.Add((await first.PostFormAsync("/inloggen/particulier", "password", new() { ["Model.Email"] = "", ["Model.Password"] = "" })).Response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, Limit).Append(HttpStatusCode.TooManyRequests), statuses);
        var (other, _) = await second.PostFormAsync("/inloggen/particulier", "password", new() { ["Model.Email"] = "", ["Model.Password"] = "" });
        Assert.Equal("a", InstanceOf(other));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task TheLoginLimitHoldsForBothInstancesTogether()
    {
        // Seen: each instance counted on its own, so two instances behind nginx allowed twice the configured limit.
        var client = new Client(_nginx, IPAddress.Parse("127.0.0.4"));
        var answers = new List<(string? Instance, HttpStatusCode Status)>();
        for (var i = 0; i <= Limit; i++)
        {
            client.PinTo(i % 2 + 1);
            var (response, _) = await client.PostFormAsync("/inloggen/particulier", "password", new() { ["Model.Email"] = "", ["Model.Password"] = "" });
            answers.Add((response.Headers.TryGetValues("X-Avero-Instance", out var names) ? names.Single() : null, response.StatusCode));
        }

        Assert.Equal(Enumerable.Range(0, Limit).Select(i => i % 2 == 0 ? "a" : "b"), answers.Take(Limit).Select(a => a.Instance));
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, Limit).Append(HttpStatusCode.TooManyRequests), answers.Select(a => a.Status));
    }

    [Fact]
    public async Task TheLoginEventShowsTheClientsAddressNotNginxs()
    {
        var account = await _a.CreateAccountAsync();
        var client = new Client(_nginx, Second);
        client.PinTo(2);

        await client.PostFormAsync("/inloggen/particulier", "password", new() { ["Model.Email"] = account.Email, ["Model.Password"] = "Niet-het-wachtwoord-1" });
        var wrong = (await _a.Get<LoginEventRepository>().LatestForAccountAsync(account.Id, 1)).Single();
        await client.PostFormAsync("/inloggen/particulier", "password", new() { ["Model.Email"] = account.Email, ["Model.Password"] = account.Password });
        var (signedIn, _) = await client.PostFormAsync("/inloggen/code", "code", new() { ["Model.Code"] = account.Code() });

        Assert.Equal("/mijn-overzicht", signedIn.Target().AbsolutePath);
        Assert.Equal((LoginOutcomes.WrongPassword, "127.0.0.3"), (wrong.Outcome, wrong.RemoteIp));
        var success = (await _b.Get<LoginEventRepository>().LatestForAccountAsync(account.Id, 1)).Single();
        Assert.Equal((LoginOutcomes.Success, "127.0.0.3"), (success.Outcome, success.RemoteIp));
        const string sql = "SELECT remote_ip FROM sessions WHERE account_id = @AccountId";
        await using var connection = await _a.Get<Db>().OpenAsync();
        Assert.Equal(["127.0.0.3"], await connection.QueryAsync<string>(sql, new { AccountId = account.Id }));
    }

    [Fact]
    public async Task WithTlsEndingAtNginxTheSessionCookieIsSecure()
    {
        // Seen: cookies lost Secure when TLS ended at the proxy, since the portal itself only hears http.
        var account = await _a.CreateAccountAsync();
        var client = new Client(_nginx, First, tls: true);
        client.PinTo(1);

        var (password, _) = await client.PostFormAsync("/inloggen/particulier", "password", new() { ["Model.Email"] = account.Email, ["Model.Password"] = account.Password });
        var (code, _) = await client.PostFormAsync("/inloggen/code", "code", new() { ["Model.Code"] = account.Code() });

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Equal("/mijn-overzicht", code.Target().AbsolutePath);
        var session = code.SetsCookie(Responses.SessionCookie);
        Assert.NotNull(session);
        Assert.True(session.Secure);
        // The browser sends the Secure cookie back over TLS and is signed in.
        var (overview, body) = await client.GetAsync("/mijn-overzicht");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("Tessa", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverPlainHttpTheSessionCookieStaysWithoutSecure()
    {
        // The counterpart: X-Forwarded-Proto is what nginx saw ($scheme), not a fixed "https".
        var account = await _a.CreateAccountAsync();
        var client = new Client(_nginx, First);
        client.PinTo(2);

        await client.PostFormAsync("/inloggen/particulier", "password", new() { ["Model.Email"] = account.Email, ["Model.Password"] = account.Password });
        var (code, _) = await client.PostFormAsync("/inloggen/code", "code", new() { ["Model.Code"] = account.Code() });

        Assert.False(code.SetsCookie(Responses.SessionCookie)!.Secure);
    }

    public async Task DisposeAsync()
    {
        await _nginx.DisposeAsync();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }
}
