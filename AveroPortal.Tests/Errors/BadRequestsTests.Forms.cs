using System.Net;
using System.Text;

namespace AveroPortal.Tests.Errors;

// Forms with a wrong or missing form name, or that can not be read.
public sealed partial class BadRequestsTests
{
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
}
