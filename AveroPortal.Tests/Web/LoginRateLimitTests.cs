using System.Net;
using AveroPortal.Tests.Support;

namespace AveroPortal.Tests.Web;

/// <summary>A factory per test: each starts with a fresh limiter allowing five login posts a minute.</summary>
public sealed class LoginRateLimitTests : IDisposable
{
    private const int Limit = 5;
    private readonly PortalFactory _factory = new() { LoginRateLimitPerMinute = Limit };

    public void Dispose() => _factory.Dispose();

    private async Task UseUpTheLimitAsync(FormClient client)
    {
        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostPasswordAsync("particulier", "", "")).StatusCode);
        }
    }

    [Fact]
    public async Task SixthLoginPostWithinAMinuteGets429WithADutchPage()
    {
        var client = FormClient.For(_factory);
        await UseUpTheLimitAsync(client);

        var sixth = await client.PostPasswordAsync("particulier", "", "");

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        var text = await sixth.TextAsync();
        Assert.Contains(Dutch.TooManyTitle, text);
        Assert.Contains("Wacht een minuut", text);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostPasswordAsync("zakelijk", "", "")).StatusCode);
    }

    [Fact]
    public async Task ReadingPagesIsNotLimited()
    {
        var client = FormClient.For(_factory);
        await UseUpTheLimitAsync(client);

        foreach (var path in Enumerable.Repeat(new[] { "/inloggen", "/inloggen/particulier", "/inloggen/zakelijk", "/" }, 5).SelectMany(p => p))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostPasswordAsync("particulier", "", "")).StatusCode);
    }
}
