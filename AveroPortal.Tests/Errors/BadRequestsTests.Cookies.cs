using System.Net;
using System.Text;

namespace AveroPortal.Tests.Errors;

// Garbage and tampered cookies.
public sealed partial class BadRequestsTests
{
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
}
