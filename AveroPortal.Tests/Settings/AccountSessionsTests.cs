using AveroPortal.Core.Sessions;

namespace AveroPortal.Tests.Settings;

public sealed class AccountSessionsTests : IAsyncLifetime
{
    private SettingsTestBed _bed = null!;
    private EnrolledAccount _account = null!;

    private SessionRepository Sessions => _bed.Database.Sessions;

    public async Task InitializeAsync()
    {
        _bed = await SettingsTestBed.CreateAsync();
        _account = await _bed.EnrolledAccountAsync("sessies@example.com");
    }

    public Task DisposeAsync()
    {
        _bed.Dispose();
        return Task.CompletedTask;
    }

    private async Task<bool> IsLiveAsync(string id) => Sessions.IsLive((await Sessions.GetAsync(id))!);

    [Fact]
    public async Task SignOutElsewhereKeepsOnlyTheCurrentSession()
    {
        var phone = await Sessions.CreateAsync(_account.Id, "password+totp", "192.0.2.20", "iPhone");
        var laptop = await Sessions.CreateAsync(_account.Id, "password+totp", "192.0.2.21", "Windows");
        var other = await _bed.EnrolledAccountAsync("iemand-anders@example.com");

        var ended = await _bed.Sessions.SignOutElsewhereAsync(_account.Id, _account.SessionId);

        Assert.Equal(2, ended);
        Assert.True(await IsLiveAsync(_account.SessionId));
        Assert.False(await IsLiveAsync(phone));
        Assert.False(await IsLiveAsync(laptop));
        Assert.True(await IsLiveAsync(other.SessionId));
        var left = Assert.Single(await _bed.Sessions.ListLiveAsync(_account.Id, _account.SessionId));
        Assert.True(left.IsCurrent);
    }

    [Fact]
    public async Task SignOutElsewhereAlsoEndsPendingLoginsOfTheAccount()
    {
        var account = (await _bed.Database.Accounts.GetAsync(_account.Id))!;
        var pending = await _bed.Database.PendingLogins.StartAsync(account, null);
        var other = await _bed.EnrolledAccountAsync("ander-wacht@example.com");
        var otherPending = await _bed.Database.PendingLogins.StartAsync((await _bed.Database.Accounts.GetAsync(other.Id))!, null);

        await _bed.Sessions.SignOutElsewhereAsync(_account.Id, _account.SessionId);

        Assert.Null(await _bed.Database.PendingLogins.FindAsync(pending));
        Assert.NotNull(await _bed.Database.PendingLogins.FindAsync(otherPending));
    }

    [Fact]
    public async Task SignOutElsewhereWithAForeignSessionLeavesPendingLoginsAlone()
    {
        var pending = await _bed.Database.PendingLogins.StartAsync((await _bed.Database.Accounts.GetAsync(_account.Id))!, null);
        var other = await _bed.EnrolledAccountAsync("vreemde-sessie@example.com");

        Assert.Null(await _bed.Sessions.SignOutElsewhereAsync(_account.Id, other.SessionId));

        Assert.NotNull(await _bed.Database.PendingLogins.FindAsync(pending));
    }

    [Fact]
    public async Task SignOutElsewhereWithoutOtherSessionsEndsNothing()
    {
        Assert.Equal(0, await _bed.Sessions.SignOutElsewhereAsync(_account.Id, _account.SessionId));
        Assert.True(await IsLiveAsync(_account.SessionId));
    }

    [Fact]
    public async Task EndedCurrentSessionEndsNothingElse()
    {
        var other = await Sessions.CreateAsync(_account.Id, "password+totp", null, null);
        await Sessions.EndAsync(_account.SessionId);

        Assert.Null(await _bed.Sessions.SignOutElsewhereAsync(_account.Id, _account.SessionId));
        Assert.True(await IsLiveAsync(other));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("00FF")]
    public async Task UnknownCurrentSessionEndsNothing(string? current)
    {
        Assert.Null(await _bed.Sessions.SignOutElsewhereAsync(_account.Id, current));
        Assert.True(await IsLiveAsync(_account.SessionId));
    }

    [Fact]
    public async Task AnotherAccountsSessionCanNotBeUsedAsTheCurrentOne()
    {
        var other = await _bed.EnrolledAccountAsync("vreemd@example.com");

        Assert.Null(await _bed.Sessions.SignOutElsewhereAsync(_account.Id, other.SessionId));
        Assert.True(await IsLiveAsync(_account.SessionId));
        Assert.True(await IsLiveAsync(other.SessionId));
    }

    [Fact]
    public async Task ListShowsOnlyLiveSessionsAndMarksTheCurrentOne()
    {
        var ended = await Sessions.CreateAsync(_account.Id, "password+totp", "192.0.2.30", "ended");
        await Sessions.EndAsync(ended);
        var idle = await Sessions.CreateAsync(_account.Id, "password+totp", "192.0.2.31", "idle");
        _bed.Clock.Advance(SessionRepository.IdleTimeout - TimeSpan.FromMinutes(1));
        await Sessions.TouchAsync(_account.SessionId);
        var recent = await Sessions.CreateAsync(_account.Id, "password+totp", "192.0.2.32", "recent");
        _bed.Clock.Advance(TimeSpan.FromMinutes(2));

        var live = await _bed.Sessions.ListLiveAsync(_account.Id, _account.SessionId);

        Assert.Equal(["recent", "xunit"], live.Select(s => s.UserAgent));
        Assert.Equal([false, true], live.Select(s => s.IsCurrent));
        Assert.Equal("192.0.2.32", live[0].RemoteIp);
        Assert.DoesNotContain(live, s => s.UserAgent is "ended" or "idle");
        Assert.False(await IsLiveAsync(idle));
    }
}
