using AveroPortal.Core.Customers;
using AveroPortal.Core.Idin;
using AveroPortal.Core.Login;
using Dapper;

namespace AveroPortal.Tests.Idin;

/// <summary>The stateful half of iDIN: linking on (broker, BIN) after a full match only, and what is stored for each outcome.</summary>
public sealed class IdinLoginTests : IDisposable
{
    private static readonly ClientInfo Client = new("192.0.2.7", "test");
    private readonly TestDatabase _db = TestDatabase.CreateAsync().GetAwaiter().GetResult();
    private readonly IdinRepository _identities;
    private readonly IdinLogin _login;
    private readonly long _jan;

    public IdinLoginTests()
    {
        _identities = new IdinRepository(_db.Db, _db.Clock);
        _login = new IdinLogin(_identities, _db.Customers, _db.Events, new IdinOptions { Broker = "makelaar-a" });
        _jan = _db.Customers.AddCustomerAsync(new Customer(0, "100001", "J.", "Jan", "de", "Vries", "1975-03-14",
            "Stationsweg", 12, null, "8911 AH", "Leeuwarden", "Bouma Assurantiën", "058 212 34 56", "sietske@example.com")).GetAwaiter().GetResult();
        // A neighbour at another number and someone with the same birthday: candidates that must not match.
        _db.Customers.AddCustomerAsync(new Customer(0, "100004", "G.", "Grietje", null, "Bakker", "1975-03-14",
            "Stationsweg", 14, null, "8911 AH", "Leeuwarden", "Bouma Assurantiën", "058 212 34 56", "sietske@example.com")).GetAwaiter().GetResult();
    }

    private static IdinBankIdentity Jan(string bin = "BIN-JAN", string postcode = "8911AH", string houseNumber = "12") =>
        new(bin, "J", "de", "Vries", null, null, null, "19750314", "Stationsweg", houseNumber, null, postcode, "LEEUWARDEN", "NL");

    [Fact]
    public async Task AFullMatchLinksBrokerAndBinAndSignsIn()
    {
        var result = await _login.CompleteAsync(Jan(), Client);

        Assert.Equal(IdinOutcome.SignedIn, result.Outcome);
        Assert.Equal(_jan, result.Customer!.Id);
        var linked = await _identities.GetLinkedAsync("makelaar-a", "BIN-JAN");
        Assert.NotNull(linked);
        Assert.Equal(_jan, linked.CustomerId);
        Assert.Equal(linked.Id, result.Identity!.Id);
    }

    [Fact]
    public async Task ALinkedIdentitySignsInDirectlyEvenWhenTheBankAddressChangedLater()
    {
        await _login.CompleteAsync(Jan(), Client);

        var moved = await _login.CompleteAsync(Jan(postcode: "9711LM", houseNumber: "40"), Client);

        Assert.Equal(IdinOutcome.SignedIn, moved.Outcome);
        Assert.Equal(_jan, moved.Customer!.Id);
    }

    [Fact]
    public async Task TheSameBinAtAnotherBrokerIsNotTheLinkedIdentity()
    {
        await _login.CompleteAsync(Jan(), Client);
        var otherBroker = new IdinLogin(_identities, _db.Customers, _db.Events, new IdinOptions { Broker = "makelaar-b" });

        var result = await otherBroker.CompleteAsync(Jan(postcode: "9711LM", houseNumber: "40"), Client);

        Assert.Equal(IdinOutcome.Mismatch, result.Outcome);
        Assert.Null(await _identities.GetLinkedAsync("makelaar-b", "BIN-JAN"));
    }

    [Fact]
    public async Task APartialMatchStoresNoIdentityAndNoBankDataButALoginEventForTheCustomer()
    {
        var result = await _login.CompleteAsync(Jan(postcode: "9711 LM", houseNumber: "40"), Client);

        Assert.Equal(IdinOutcome.Mismatch, result.Outcome);
        Assert.Equal(_jan, result.Customer!.Id);
        Assert.Equal([IdinField.Postcode, IdinField.HouseNumber], result.Differences);
        await using var connection = await _db.Db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM idin_identities"));
        var events = (await connection.QueryAsync<(string Method, string Outcome, long? CustomerId, long? AccountId)>(
            "SELECT method, outcome, customer_id, account_id FROM login_events")).AsList();
        var single = Assert.Single(events);
        Assert.Equal(("idin", IdinLogin.Outcomes.Mismatch, (long?)_jan, (long?)null), single);
        // The bank's address appears nowhere in the database.
        var dump = string.Join('|', await connection.QueryAsync<string>(
            "SELECT COALESCE(remote_ip, '') || COALESCE(user_agent, '') || outcome FROM login_events"));
        Assert.DoesNotContain("9711", dump, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownPersonGetsNoMatchAndOnlyAnAnonymousLoginEvent()
    {
        var stranger = new IdinBankIdentity("BIN-X", "K", null, "Postma", null, null, null, "19900101", "Dijk", "3", null, "9000AA", "Grou", "NL");

        var result = await _login.CompleteAsync(stranger, Client);

        Assert.Equal(IdinOutcome.NoMatch, result.Outcome);
        Assert.Null(result.Customer);
        await using var connection = await _db.Db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM idin_identities"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM login_events WHERE method = 'idin' AND outcome = 'no-match' AND customer_id IS NULL"));
    }

    [Fact]
    public async Task ParallelFirstLoginsOfOneBinLinkOnce()
    {
        var results = await AllAtOnce.RunAsync(8, () => _login.CompleteAsync(Jan(), Client));

        Assert.All(results, r => Assert.Equal(IdinOutcome.SignedIn, r.Outcome));
        Assert.Single(results.Select(r => r.Identity!.Id).Distinct());
        await using var connection = await _db.Db.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM idin_identities"));
    }

    [Fact]
    public async Task CandidatesAreFoundByPostcodeWithoutSpaceAndHouseNumber()
    {
        var candidates = await _identities.FindCandidatesAsync(new DateOnly(2001, 1, 1), "8911AH", 12);

        Assert.Equal(["100001"], candidates.Select(c => c.CustomerNumber));
    }

    public void Dispose() => _db.Dispose();
}
