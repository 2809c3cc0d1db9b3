using System.Net;

namespace AveroPortal.Tests.Errors;

// Requests without a usable Host, and methods the address does not take (405, HEAD, OPTIONS).
public sealed partial class BadRequestsTests
{
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
}
