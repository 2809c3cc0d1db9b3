using AveroPortal.Core.Login;
using AveroPortal.Core.Sessions;

namespace AveroPortal.Tests.Sessions;

public sealed class SessionRepositoryTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private long _accountId;

    private SessionRepository Sessions => _database.Sessions;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _accountId = await _database.AddAccountAsync("jan@example.com", "not-a-real-hash");
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private Task<string> CreateAsync(long? accountId = null) =>
        Sessions.CreateAsync(accountId ?? _accountId, LoginMethods.Password, "192.0.2.1", "xunit");

    private async Task<bool> IsLiveAsync(string id) => await Sessions.GetAsync(id) is { } session && Sessions.IsLive(session);

    [Fact]
    public async Task CreatedSessionIsLiveAndCarriesTheAccountsStamp()
    {
        var id = await CreateAsync();

        var session = await Sessions.GetAsync(id);

        Assert.NotNull(session);
        Assert.True(Sessions.IsLive(session));
        Assert.Equal(_accountId, session.AccountId);
        Assert.Equal((await _database.Accounts.GetAsync(_accountId))!.SecurityStamp, session.SecurityStamp);
    }

    [Fact]
    public async Task EverySignInGetsANewSessionId()
    {
        Assert.NotEqual(await CreateAsync(), await CreateAsync());
    }

    [Fact]
    public async Task UnknownSessionIsNotFound()
    {
        Assert.Null(await Sessions.GetAsync("0123456789ABCDEF"));
    }

    [Fact]
    public async Task EndedSessionIsNotLive()
    {
        var id = await CreateAsync();

        await Sessions.EndAsync(id);

        Assert.False(await IsLiveAsync(id));
    }

    [Fact]
    public async Task SessionIdleFor31MinutesIsNotLive()
    {
        var id = await CreateAsync();

        _database.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.True(await IsLiveAsync(id));

        _database.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(await IsLiveAsync(id));
    }

    [Fact]
    public async Task TouchingKeepsASessionLive()
    {
        var id = await CreateAsync();
        _database.Clock.Advance(TimeSpan.FromMinutes(20));

        await Sessions.TouchAsync(id);
        _database.Clock.Advance(TimeSpan.FromMinutes(20));

        Assert.True(await IsLiveAsync(id));
    }

    [Fact]
    public async Task SessionEndsAfter12HoursEvenWhileInUse()
    {
        var id = await CreateAsync();
        for (var i = 0; i < 35; i++)
        {
            _database.Clock.Advance(TimeSpan.FromMinutes(20));
            await Sessions.TouchAsync(id);
        }

        Assert.True(await IsLiveAsync(id)); // 11 h 40 min

        _database.Clock.Advance(TimeSpan.FromMinutes(20));
        await Sessions.TouchAsync(id);
        Assert.False(await IsLiveAsync(id));
    }

    [Fact]
    public async Task EndAllForAccountKeepsOnlyTheCurrentSession()
    {
        var current = await CreateAsync();
        var other1 = await CreateAsync();
        var other2 = await CreateAsync();
        var otherAccount = await _database.AddAccountAsync("anna@example.com", "not-a-real-hash");
        var otherAccountSession = await CreateAsync(otherAccount);

        var ended = await Sessions.EndAllForAccountAsync(_accountId, current);

        Assert.Equal(2, ended);
        Assert.True(await IsLiveAsync(current));
        Assert.False(await IsLiveAsync(other1));
        Assert.False(await IsLiveAsync(other2));
        Assert.True(await IsLiveAsync(otherAccountSession));
    }

    [Fact]
    public async Task EndAllForAccountWithoutExceptionEndsEverySession()
    {
        var first = await CreateAsync();
        var second = await CreateAsync();

        Assert.Equal(2, await Sessions.EndAllForAccountAsync(_accountId));
        Assert.False(await IsLiveAsync(first));
        Assert.False(await IsLiveAsync(second));
    }
}
