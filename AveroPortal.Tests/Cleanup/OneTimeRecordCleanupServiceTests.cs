using AveroPortal.Core;
using AveroPortal.Core.Cleanup;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace AveroPortal.Tests.Cleanup;

public sealed class OneTimeRecordCleanupServiceTests
{
    private static IServiceCollection Configure(string? interval)
    {
        var settings = new Dictionary<string, string?> { ["Avero:Database:Path"] = "unused.db" };
        if (interval is not null)
        {
            settings["Avero:Cleanup:IntervalMinutes"] = interval;
        }

        return new ServiceCollection().AddAveroCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Path.GetTempPath());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1441")]
    [InlineData("1.5")]
    [InlineData("elk kwartier")]
    [InlineData("99999999999")]
    public void AnIntervalThatCanNotWorkStopsStartUpNamingTheKey(string interval)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Configure(interval));

        Assert.Contains("Avero:Cleanup:IntervalMinutes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 15)]
    [InlineData("1", 1)]
    [InlineData("60", 60)]
    [InlineData("1440", 1440)]
    public void TheIntervalIsReadInMinutesWithFifteenAsDefault(string? interval, int minutes)
    {
        var services = Configure(interval);

        var options = (CleanupOptions)services.Single(s => s.ServiceType == typeof(CleanupOptions)).ImplementationInstance!;
        Assert.Equal(TimeSpan.FromMinutes(minutes), options.Interval);
        Assert.Contains(services, s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(OneTimeRecordCleanupService));
    }

    [Fact]
    public async Task TheHostedServiceDeletesDeadRowsEveryIntervalButNotAtStartUp()
    {
        using var database = await TestDatabase.CreateAsync();
        await AddDeadSamlRequestAsync(database, "dead-before-start");
        // Long enough that the check right after the start can not be overtaken by the first pass on a busy machine.
        var interval = TimeSpan.FromSeconds(2);
        using var service = new OneTimeRecordCleanupService(new OneTimeRecordCleanup(database.Db, database.Clock), new CleanupOptions(interval),
            NullLogger<OneTimeRecordCleanupService>.Instance);

        await service.StartAsync(CancellationToken.None);
        Assert.Equal(1, await CountSamlRequestsAsync(database));
        await WaitUntilAsync(async () => await CountSamlRequestsAsync(database) == 0);
        await AddDeadSamlRequestAsync(database, "dead-later");
        await WaitUntilAsync(async () => await CountSamlRequestsAsync(database) == 0);
        await service.StopAsync(CancellationToken.None);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The cleanup did not run.");
            await Task.Delay(50);
        }
    }

    private static async Task AddDeadSamlRequestAsync(TestDatabase database, string id)
    {
        await using var connection = await database.Db.OpenAsync();
        var now = database.Clock.GetUtcNow().ToUnixTimeSeconds();
        await connection.ExecuteAsync("INSERT INTO saml_requests (id, correlation_hash, created_at, expires_at, consumed_at) VALUES (@Id, 'c', @Now, @Now, NULL)",
            new { Id = id, Now = now });
    }

    private static async Task<long> CountSamlRequestsAsync(TestDatabase database)
    {
        await using var connection = await database.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM saml_requests");
    }
}
