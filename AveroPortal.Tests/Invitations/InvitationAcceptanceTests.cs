using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using Dapper;

namespace AveroPortal.Tests.Invitations;

public sealed class InvitationAcceptanceTests : IDisposable
{
    private const string Password = "Drie-fietsen-in-de-regen";
    private readonly TestDatabase _db = TestDatabase.CreateAsync().GetAwaiter().GetResult();
    private readonly InvitationRepository _invitations;
    private readonly InvitationAcceptance _acceptance;

    public InvitationAcceptanceTests()
    {
        _invitations = new InvitationRepository(_db.Db, _db.Clock);
        _acceptance = _db.Acceptance();
    }

    [Fact]
    public async Task AnIssuedLinkCreatesAnAccountForTheSameCustomer()
    {
        var customerId = await AddCustomerAsync();
        var issued = await IssueAsync(customerId, "nieuw@example.com");

        var result = await _acceptance.AcceptAsync(issued.Token, Password, Password);

        Assert.Equal(AcceptOutcome.Created, result.Outcome);
        Assert.Equal(customerId, result.Account!.CustomerId);
        Assert.Equal(Portals.Private, result.Account.Portal);
        Assert.Equal("nieuw@example.com", result.Account.Email);
        Assert.Equal(PasswordCheck.Success, TestPasswords.Verify(result.Account.PasswordHash, Password));
    }

    [Fact]
    public async Task ALinkWorksOnlyOnce()
    {
        var issued = await IssueAsync(await AddCustomerAsync(), "eenmalig@example.com");
        Assert.Equal(AcceptOutcome.Created, (await _acceptance.AcceptAsync(issued.Token, Password, Password)).Outcome);

        var again = await _acceptance.AcceptAsync(issued.Token, Password + "-2", Password + "-2");

        Assert.Equal(AcceptOutcome.InvalidLink, again.Outcome);
        Assert.Equal(LinkState.Used, again.Link);
    }

    [Fact]
    public async Task ALinkExpiresAfter72Hours()
    {
        var issued = await IssueAsync(await AddCustomerAsync(), "verloopt@example.com");

        _db.Clock.Advance(TimeSpan.FromHours(72) - TimeSpan.FromSeconds(1));
        Assert.Equal(LinkState.Valid, (await _acceptance.CheckAsync(issued.Token)).State);
        _db.Clock.Advance(TimeSpan.FromSeconds(1));

        var result = await _acceptance.AcceptAsync(issued.Token, Password, Password);
        Assert.Equal(AcceptOutcome.InvalidLink, result.Outcome);
        Assert.Equal(LinkState.Expired, result.Link);
        Assert.Null(await _db.Accounts.FindByEmailAsync("verloopt@example.com"));
    }

    [Fact]
    public async Task SendingAgainInvalidatesTheOlderLink()
    {
        var customerId = await AddCustomerAsync();
        var first = await IssueAsync(customerId, "opnieuw@example.com");
        var second = await IssueAsync(customerId, "opnieuw@example.com");

        Assert.Equal(LinkState.Revoked, (await _acceptance.CheckAsync(first.Token)).State);
        Assert.Equal(AcceptOutcome.InvalidLink, (await _acceptance.AcceptAsync(first.Token, Password, Password)).Outcome);
        Assert.Equal(AcceptOutcome.Created, (await _acceptance.AcceptAsync(second.Token, Password, Password)).Outcome);
    }

    [Fact]
    public async Task OnlyAHashOfTheTokenIsStored()
    {
        var issued = await IssueAsync(await AddCustomerAsync(), "hash@example.com");

        await using var connection = await _db.Db.OpenAsync();
        var stored = await connection.QuerySingleAsync<string>("SELECT token_hash FROM invitations WHERE id = @Id", new { issued.Id });
        Assert.Equal(InvitationTokens.Hash(issued.Token), stored);
        Assert.DoesNotContain(issued.Token, stored, StringComparison.Ordinal);
        Assert.Equal(InvitationTokens.TokenLength, issued.Token.Length);
    }

    [Fact]
    public async Task TwoSimultaneousRedemptionsCreateOneAccount()
    {
        var issued = await IssueAsync(await AddCustomerAsync(), "tegelijk@example.com");

        var results = await AllAtOnce.RunAsync(8, () => _acceptance.AcceptAsync(issued.Token, Password, Password));

        Assert.Single(results, r => r.Outcome == AcceptOutcome.Created);
        Assert.All(results.Where(r => r.Outcome != AcceptOutcome.Created), r => Assert.True(r.Outcome is AcceptOutcome.InvalidLink or AcceptOutcome.EmailTaken));
    }

    [Theory]
    [InlineData("kort", AcceptOutcome.PasswordRejected)]
    [InlineData("password123", AcceptOutcome.PasswordRejected)]
    [InlineData("regels@example.com", AcceptOutcome.PasswordRejected)]
    public async Task ThePasswordRulesApply(string password, AcceptOutcome expected)
    {
        var issued = await IssueAsync(await AddCustomerAsync(), "regels@example.com");

        var result = await _acceptance.AcceptAsync(issued.Token, password, password);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(LinkState.Valid, (await _acceptance.CheckAsync(issued.Token)).State);
    }

    [Fact]
    public async Task DifferentRepeatIsRefusedAndTheLinkStaysUsable()
    {
        var issued = await IssueAsync(await AddCustomerAsync(), "herhaal@example.com");

        Assert.Equal(AcceptOutcome.PasswordsDiffer, (await _acceptance.AcceptAsync(issued.Token, Password, Password + "x")).Outcome);
        Assert.Equal(AcceptOutcome.Created, (await _acceptance.AcceptAsync(issued.Token, Password, Password)).Outcome);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("kapot")]
    [InlineData("' OR 1=1 --aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task MalformedOrUnknownTokensAreUnknown(string? token)
    {
        Assert.Equal(LinkState.Unknown, (await _acceptance.CheckAsync(token)).State);
        Assert.Equal(LinkState.Unknown, (await _acceptance.CheckAsync(InvitationTokens.NewToken())).State);
    }

    public void Dispose() => _db.Dispose();

    private async Task<long> AddCustomerAsync()
    {
        var accountId = await _db.AddAccountAsync($"bestaand-{Guid.NewGuid():N}@example.com");
        return (await _db.Accounts.GetAsync(accountId))!.CustomerId!.Value;
    }

    private Task<IssuedInvitation> IssueAsync(long customerId, string email) =>
        _invitations.IssueAsync(new NewInvitation(InvitationKinds.AccountCreation, email, "Nieuwe Klant", Portals.Private, customerId, null, null, null));
}
