using System.Net;

namespace AveroPortal.Tests.Operations;

/// <summary>The load balancer's probes on SQLite: plain text, off every limit and check, ready only with a usable database.</summary>
public sealed class HealthEndpointTests : IDisposable
{
    private readonly PortalFactory _factory = new() { LoginRateLimitPerMinute = 1 };

    public void Dispose() => _factory.Dispose();

    private async Task<(HttpStatusCode Status, string Body, string? Type)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task LiveAndReadyAnswerHealthyInPlainText()
    {
        var client = _factory.CreateClient();

        var live = await GetAsync(client, "/health/live");
        var ready = await GetAsync(client, "/health/ready");

        Assert.Equal((HttpStatusCode.OK, "text/plain"), (live.Status, live.Type));
        Assert.StartsWith("Healthy", live.Body);
        Assert.Equal((HttpStatusCode.OK, "text/plain"), (ready.Status, ready.Type));
        Assert.Equal("Healthy\ndatabase: Healthy\ndata-protection: Healthy\neherkenning-metadata: Healthy\n", ready.Body);
    }

    [Fact]
    public async Task ReadyFailsWhileTheDatabaseFileIsUnreadableAndRecoversWhileLiveStaysUp()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/health/ready")).Status);

        // As root a chmod 000 does not stop a read, so the file is swapped for a directory of the same name.
        var aside = _factory.DatabasePath + ".aside";
        File.Move(_factory.DatabasePath, aside);
        Directory.CreateDirectory(_factory.DatabasePath);
        try
        {
            var ready = await GetAsync(client, "/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
            Assert.Contains("database: Unhealthy", ready.Body);
            Assert.DoesNotContain(_factory.DatabasePath, ready.Body);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/health/live")).Status);
        }
        finally
        {
            Directory.Delete(_factory.DatabasePath);
            File.Move(aside, _factory.DatabasePath);
        }

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/health/ready")).Status);
    }

    [Fact]
    public async Task ProbesAreNotRateLimitedNorHeldByTheFormChecks()
    {
        var client = _factory.CreateClient();

        // A limit of one write a minute: posts without a token or form would otherwise get 429 or 400.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.PostAsync("/health/live", new StringContent("x"))).StatusCode);
            statuses.Add((await client.GetAsync("/health/ready")).StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SecondWriteAsync(client));
    }

    private static async Task<HttpStatusCode> SecondWriteAsync(HttpClient client)
    {
        await client.PostAsync("/inloggen/particulier", new FormUrlEncodedContent([]));
        return (await client.PostAsync("/inloggen/particulier", new FormUrlEncodedContent([]))).StatusCode;
    }
}
