using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Tests.Errors;

/// <summary>
/// Requests the portal can not serve (no Host, a method a page does not take, a form name no form has, a form
/// that can not be read) end on a Dutch page with a warning naming the reason: never a 500, a stack trace or a
/// framework's English sentence, in Development as elsewhere. The portals run on Kestrel, as in production, so raw
/// HTTP/1.0 and HEAD behave as they do there. <see cref="MalformedInputSweepTests"/> sweeps every route.
/// </summary>
public sealed partial class BadRequestsTests(BadRequestsTests.Portals portals) : IClassFixture<BadRequestsTests.Portals>
{
    private const string Category = "AveroPortal.Blazor.Errors.BadRequests";
    private const string Probe = "<x-avero-probe>";

    /// <summary>One portal per environment, on Kestrel, each with its log recorded.</summary>
    public sealed class Portals : IAsyncLifetime
    {
        private readonly Dictionary<string, (PortalFactory Factory, Uri BaseUrl, CapturedLog Log)> _portals = [];

        public (PortalFactory Factory, Uri BaseUrl, CapturedLog Log) this[string environment] => _portals[environment];

        public Task InitializeAsync()
        {
            foreach (var environment in new[] { "Development", "Testing" })
            {
                var log = new CapturedLog();
                var port = PortalFactory.FreePort();
                var factory = new PortalFactory
                {
                    EnvironmentName = environment,
                    // Development as `dotnet run` has it: eHerkenning and iDIN with their test brokers.
                    // Testing as production should have it: only the portal's own host names.
                    Settings = environment == "Development"
                        ? EHerkenningSettings.For($"http://127.0.0.1:{port}/", testBroker: true)
                        : new Dictionary<string, string> { ["AllowedHosts"] = "127.0.0.1;localhost" },
                    ConfigureServices = services => services.AddSingleton<ILoggerProvider>(log),
                };
                _portals[environment] = (factory, factory.StartKestrel(port), log);
            }

            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            foreach (var (factory, _, _) in _portals.Values)
            {
                await factory.DisposeAsync();
            }
        }
    }

    private FormClient Client(string environment) =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = portals[environment].BaseUrl });

    private IEnumerable<string> Warnings(string environment) => portals[environment].Log.WarningsOf(Category);

    /// <summary>Sends bytes as they are (no client fixes the request up) and reads until the portal closes.</summary>
    private async Task<string> RawAsync(string environment, string request)
    {
        var address = portals[environment].BaseUrl;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await reader.ReadToEndAsync(timeout.Token);
    }

    private static void AssertNoFrameworkText(string text)
    {
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(StackFrame(), text);
        Assert.DoesNotContain("Cannot submit the form", text, StringComparison.Ordinal);
        Assert.DoesNotContain("does not specify which form", text, StringComparison.Ordinal);
        Assert.DoesNotContain("x-avero-probe", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", "GET / HTTP/1.0\r\n\r\n")]
    [InlineData("Testing", "GET / HTTP/1.0\r\n\r\n")]
    [InlineData("Development", "GET /inloggen/particulier HTTP/1.0\r\nConnection: close\r\n\r\n")]
    [InlineData("Development", "GET / HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n")]
    [InlineData("Testing", "POST /uitloggen HTTP/1.0\r\nContent-Length: 0\r\n\r\n")]
    public async Task RequestWithoutHostHeaderGetsTheDutch400PageNotAStackTrace(string environment, string request)
    {
        var answer = await RawAsync(environment, request);

        Assert.StartsWith("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(answer);
        Assert.Contains("<html lang=\"nl\"", page, StringComparison.Ordinal);
        Assert.Contains(Dutch.BadRequestTitle, page, StringComparison.Ordinal);
        AssertNoFrameworkText(page);
        Assert.Contains(Warnings(environment), w => w.Contains("Host-header", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AHostOutsideAllowedHostsGetsAnEmpty400NotTheFrameworksEnglishPage()
    {
        var answer = await RawAsync("Testing", "GET / HTTP/1.1\r\nHost: elders.example\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Bad Request", answer[answer.IndexOf("\r\n", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.DoesNotContain("Invalid Hostname", answer, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PUT", "/")]
    [InlineData("DELETE", "/inloggen/particulier")]
    [InlineData("PATCH", "/instellingen")]
    [InlineData("PROPFIND", "/veelgestelde-vragen")]
    [InlineData("DELETE", "/uitloggen")]
    [InlineData("PUT", "/taal/en")]
    [InlineData("POST", "/taal/en")]
    public async Task PutDeleteAndOtherMethodsGetTheDutch405PageWithAllow(string method, string path)
    {
        var response = await Client("Testing").Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var allow = string.Join(", ", response.Content.Headers.Allow);
        Assert.Matches("GET|POST", allow);
        Assert.DoesNotContain(method, allow, StringComparison.Ordinal);
        var page = await response.TextAsync();
        Assert.Contains("<html lang=\"nl\"", page, StringComparison.Ordinal);
        Assert.Contains(Dutch.MethodNotAllowedTitle, page, StringComparison.Ordinal);
        AssertNoFrameworkText(page);
        Assert.Contains(Warnings("Testing"), w => w.Contains($"{method} {path}: methode niet toegestaan", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/", "200")]
    [InlineData("/inloggen/particulier", "200")]
    [InlineData("/veelgestelde-vragen", "200")]
    [InlineData("/taal/en", "302")]
    [InlineData("/bestaat-niet", "404")]
    public async Task HeadAnswersLikeGetWithoutABody(string path, string status)
    {
        var answer = await RawAsync("Testing", $"HEAD {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        Assert.StartsWith($"HTTP/1.1 {status} ", answer, StringComparison.Ordinal);
        var headersEnd = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.Equal(answer.Length, headersEnd + 4);
    }

    [Theory]
    [InlineData("/inloggen/particulier", "GET, HEAD, POST")]
    [InlineData("/uitloggen", "POST")]
    [InlineData("/taal/en", "GET, HEAD")]
    public async Task OptionsAnswersWithTheAllowedMethodsAndNoPage(string path, string allow)
    {
        var response = await Client("Testing").Http.SendAsync(new HttpRequestMessage(HttpMethod.Options, path));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("Development", Probe)]
    [InlineData("Testing", Probe)]
    [InlineData("Development", null)]
    [InlineData("Testing", null)]
    [InlineData("Development", "")]
    public async Task WrongOrMissingFormNameGetsTheDutch400PageWithoutEchoingIt(string environment, string? handler)
    {
        var client = Client(environment);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormClient.AntiforgeryToken(await client.GetAsync("/inloggen/particulier")),
            ["Model.Email"] = "iemand@example.com",
        };
        if (handler is not null)
        {
            fields["_handler"] = handler;
        }

        var response = await client.Http.PostAsync("/inloggen/particulier", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var page = await response.TextAsync();
        Assert.Contains(Dutch.BadRequestTitle, page, StringComparison.Ordinal);
        AssertNoFrameworkText(page);
        Assert.Contains(Warnings(environment), w => w.Contains("/inloggen/particulier", StringComparison.Ordinal) && w.Contains("(_handler)", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> MalformedForms => new()
    {
        { "NUL", "NUL-teken" },
        { "1,100 fields", "Form value count limit" },
        { "one field 1,100 times", "Form value count limit" },
        { "100 kB field name", "meer dan 65536" },
        { "2 kB field name", "Form key length limit" },
        { "field name with a control character", "veldnaam" },
        { "broken multipart", "Unexpected end of Stream" },
        { "multipart without boundary", "boundary" },
        { "file upload", "bestand" },
        { "1 MB", "meer dan 65536" },
        { "invalid UTF-8 escape", "geen UTF-8" },
        { "raw byte", "ongecodeerde byte 0xFF" },
        { "broken escape", "%-code" },
        { "JSON", "Content-Type: application/json" },
        { "no content type", "Content-Type: geen" },
        { "no token", "anti-forgery-token" },
        { "two different tokens", "anti-forgery-token" },
    };

    [Theory]
    [MemberData(nameof(MalformedForms))]
    public async Task MalformedFormIsRefusedWithTheDutchPageAWarningNamingTheReasonAndNothingStored(string kind, string reason)
    {
        var (factory, _, _) = portals["Development"];
        var client = Client("Development");
        var token = Uri.EscapeDataString(FormClient.AntiforgeryToken(await client.GetAsync("/inloggen/particulier")));
        var form = $"_handler=password&__RequestVerificationToken={token}&Model.Password=x";
        var email = "&Model.Email=iemand%40example.com";
        var (contentType, body) = kind switch
        {
            "NUL" => ("application/x-www-form-urlencoded", form + "&Model.Email=iemand%00%40example.com"),
            "1,100 fields" => ("application/x-www-form-urlencoded", form + email + string.Concat(Enumerable.Range(0, 1100).Select(i => $"&f{i}=1"))),
            "one field 1,100 times" => ("application/x-www-form-urlencoded", form + string.Concat(Enumerable.Repeat(email, 1100))),
            "100 kB field name" => ("application/x-www-form-urlencoded", form + email + "&" + new string('n', 100_000) + "=1"),
            "2 kB field name" => ("application/x-www-form-urlencoded", form + email + "&" + new string('n', 2_000) + "=1"),
            "field name with a control character" => ("application/x-www-form-urlencoded", form + email + "&Model%01Email=1"),
            "broken multipart" => ("multipart/form-data; boundary=XYZ", $"--XYZ\r\nContent-Disposition: form-data; name=\"_handler\"\r\n\r\npassword\r\n--XYZ\r\nContent-Disposition: form-data; name=\"Model.Email\"\r\n\r\niemand"),
            "multipart without boundary" => ("multipart/form-data", "--XYZ\r\nContent-Disposition: form-data; name=\"_handler\"\r\n\r\npassword\r\n--XYZ--\r\n"),
            "file upload" => ("multipart/form-data; boundary=XYZ", $"--XYZ\r\nContent-Disposition: form-data; name=\"_handler\"\r\n\r\npassword\r\n--XYZ\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{Uri.UnescapeDataString(token)}\r\n--XYZ\r\nContent-Disposition: form-data; name=\"Model.Email\"; filename=\"a.txt\"\r\n\r\niemand\r\n--XYZ--\r\n"),
            "1 MB" => ("application/x-www-form-urlencoded", form + email + "&Model.Password=" + new string('a', 1024 * 1024)),
            "invalid UTF-8 escape" => ("application/x-www-form-urlencoded", form + "&Model.Email=iemand%C3%28%40example.com"),
            "raw byte" => ("application/x-www-form-urlencoded", form + "&Model.Email=iemand\u00ff"),
            "broken escape" => ("application/x-www-form-urlencoded", form + "&Model.Email=iemand%4"),
            "JSON" => ("application/json", $"{{\"_handler\":\"password\",\"__RequestVerificationToken\":\"{token}\"}}"),
            "no content type" => (null, form + email),
            "no token" => ("application/x-www-form-urlencoded", "_handler=password" + email + "&Model.Password=x"),
            "two different tokens" => ("application/x-www-form-urlencoded", form + email + "&__RequestVerificationToken=CfDJ8abc"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var content = new ByteArrayContent(kind == "raw byte" ? Encoding.Latin1.GetBytes(body) : Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = contentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        var events = await factory.LoginEventCountAsync();

        var response = await client.Http.PostAsync("/inloggen/particulier", content);

        Assert.InRange((int)response.StatusCode, 400, 499);
        var page = await response.TextAsync();
        Assert.Contains("<html lang=\"nl\"", page, StringComparison.Ordinal);
        Assert.Contains(Dutch.BadRequestTitle, page, StringComparison.Ordinal);
        AssertNoFrameworkText(page);
        Assert.Null(response.SetsCookie(Responses.PendingCookie));
        Assert.Equal(events, await factory.LoginEventCountAsync());
        Assert.Contains(Warnings("Development"), w => w.Contains("POST /inloggen/particulier", StringComparison.Ordinal) && w.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABodyKestrelCanNotReadGetsTheDutch400PageNotA500()
    {
        // A chunk size that is no number: Kestrel throws while the form is read.
        var answer = await RawAsync("Testing", "POST /inloggen/particulier HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n_handler\r\nzz\r\n=password\r\n0\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(answer);
        Assert.Contains(Dutch.BadRequestTitle, page, StringComparison.Ordinal);
        AssertNoFrameworkText(page);
        Assert.Contains(Warnings("Testing"), w => w.Contains("POST /inloggen/particulier: verzoek onleesbaar", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OddButWellFormedCharactersStillReachThePagesOwnDutchMessage()
    {
        var response = await Client("Development").PostPasswordAsync("particulier", "iemand\u001b[31m@example.com", "x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Dutch.ControlCharacters, await response.TextAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> GarbageCookies => new()
    {
        { "GET", "/fout/400" },
        { "GET", "/fout/500" },
        { "GET", "/bestaat-niet" },
        { "GET", "/inloggen/particulier" },
        { "GET", "/mijn-overzicht" },
        { "POST", "/inloggen/particulier" },
        { "POST", "/uitloggen" },
        { "PUT", "/" },
    };

    [Theory]
    [MemberData(nameof(GarbageCookies))]
    public async Task ErrorPagesNeverFailOnAGarbageCultureSessionOrAntiforgeryCookie(string method, string path)
    {
        foreach (var environment in new[] { "Development", "Testing" })
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = method == "GET" ? null : new StringContent("_handler=password&Model.Email=x", Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dxx-%00%7Cuic%3D%3Cx-avero-probe%3E; Avero.Sessie=CfDJ8AAAAgarbage" + new string('A', 300)
                + "; .AspNetCore.Antiforgery.abcdefghijk=CfDJ8-not-a-token; Avero.Inloggen=%3Cx-avero-probe%3E; Avero.iDIN.Bank=%00");

            var response = await Client(environment).Http.SendAsync(request);

            // The 500 page itself, visited directly, answers 500 on purpose; everything else is no server error.
            Assert.InRange((int)response.StatusCode, 200, path == "/fout/500" ? 500 : 499);
            var page = await response.TextAsync();
            AssertNoFrameworkText(page);
            if ((int)response.StatusCode >= 400)
            {
                Assert.Contains("<html lang=\"nl\"", page, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task ATamperedSessionCookieLeadsToTheLoginNotAnError()
    {
        var (factory, _, _) = portals["Testing"];
        var account = await factory.CreateAccountAsync();
        var client = Client("Testing");
        var login = await client.LoginAsync(account);
        var session = login.SetsCookie(Responses.SessionCookie)!.Value.ToString();
        var tampered = session[..^4] + (session[^4] == 'A' ? "B" : "A") + session[^3..];
        var fresh = Client("Testing");
        fresh.Http.DefaultRequestHeaders.Add("Cookie", $"{Responses.SessionCookie}={tampered}");

        var overview = await fresh.Http.GetAsync("/mijn-overzicht");
        var errorPage = await fresh.Http.GetAsync("/fout/400");

        Assert.Equal("/inloggen", overview.Target().AbsolutePath);
        Assert.Equal(HttpStatusCode.BadRequest, errorPage.StatusCode);
        Assert.Contains(Dutch.BadRequestTitle, await errorPage.TextAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\bat [A-Z][\w.`]+\.\w+\(")]
    private static partial Regex StackFrame();
}
