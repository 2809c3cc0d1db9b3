using AveroPortal.Core.Data;
using AveroPortal.Core.EHerkenning.ServiceProvider;

namespace AveroPortal.Tests.EHerkenning;

/// <summary>What the ACS log says about a response's InResponseTo comes from the stored request, on SQLite and on PostgreSQL.</summary>
public sealed class SamlStateRepositoryTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private async Task<TestDatabase> DatabaseAsync(string provider) => provider == "PostgreSql"
        ? await TestDatabase.CreateAsync(DatabaseOptions.ForPostgreSql(await postgres.Server.CreateDatabaseAsync()))
        : await TestDatabase.CreateAsync();

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task EachStateOfARequestIsNamedWithoutConsumingIt(string provider)
    {
        using var database = await DatabaseAsync(provider);
        var state = new SamlStateRepository(database.Db, database.Clock);
        await state.AddRequestAsync("_outstanding", "browser-a");
        await state.AddRequestAsync("_answered", "browser-a");
        Assert.True(await state.ConsumeRequestAsync("_answered", "browser-a"));

        Assert.Equal(RequestState.Unknown, await state.DescribeRequestAsync("_never-sent", "browser-a"));
        Assert.Equal(RequestState.Outstanding, await state.DescribeRequestAsync("_outstanding", "browser-a"));
        Assert.Equal(RequestState.OtherBrowser, await state.DescribeRequestAsync("_outstanding", "browser-b"));
        Assert.Equal(RequestState.OtherBrowser, await state.DescribeRequestAsync("_outstanding", null));
        Assert.Equal(RequestState.Consumed, await state.DescribeRequestAsync("_answered", "browser-a"));
        // Describing changed nothing: the outstanding request can still be consumed, once.
        Assert.True(await state.ConsumeRequestAsync("_outstanding", "browser-a"));
        Assert.False(await state.ConsumeRequestAsync("_outstanding", "browser-a"));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task ARequestPastItsLifetimeIsNamedExpired(string provider)
    {
        using var database = await DatabaseAsync(provider);
        var state = new SamlStateRepository(database.Db, database.Clock);
        await state.AddRequestAsync("_late", "browser-a");
        database.Clock.Advance(EHerkenningOptions.RequestLifetime + TimeSpan.FromSeconds(1));

        Assert.Equal(RequestState.Expired, await state.DescribeRequestAsync("_late", "browser-a"));
        Assert.False(await state.ConsumeRequestAsync("_late", "browser-a"));
    }
}
