using System.Net;

namespace AveroPortal.Tests.Operations;

/// <summary>Readiness on PostgreSQL: a server of this class's own, stopped and started again.</summary>
public sealed class PostgreSqlHealthTests : IAsyncLifetime
{
    private PostgresServer _server = default!;
    private PortalFactory _factory = default!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        _factory = new PortalFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Avero:Database:Provider"] = "PostgreSql",
                ["Avero:Database:ConnectionString"] = await _server.CreateDatabaseAsync(),
            },
        };
    }

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ReadyFailsWhilePostgreSqlIsStoppedAndRecoversWhileLiveStaysUp()
    {
        var client = _factory.CreateClient();
        var before = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains("postgresql: Healthy", await before.Content.ReadAsStringAsync());

        await _server.StopAsync();
        var stopped = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");
        await _server.StartAgainAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, stopped.StatusCode);
        var body = await stopped.Content.ReadAsStringAsync();
        Assert.Contains("postgresql: Unhealthy", body);
        Assert.Contains("database: Unhealthy", body);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
