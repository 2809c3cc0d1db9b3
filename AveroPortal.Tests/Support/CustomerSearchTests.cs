using AveroPortal.Core.Customers;
using AveroPortal.Core.Login;
using AveroPortal.Core.Support;

namespace AveroPortal.Tests.Support;

public sealed class CustomerSearchTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private CustomerSearch _search = default!;
    private long _annaId;
    private long _bakeryId;

    public async Task InitializeAsync()
    {
        await new AveroPortal.Core.Data.Migrator(_db.Options).MigrateAsync();
        _search = new CustomerSearch(_db.Db);
        _annaId = await _db.Customers.AddCustomerAsync(new Customer(0, "200001", "A.M.", "Anna", "van den", "Berg", "1988-11-02",
            "Kerkstraat", 5, "A", "9711 GB", "Groningen", "Adviseur", "050 000 00 00", "a@example.com"));
        await _db.Customers.AddCustomerAsync(new Customer(0, "200002", "P.", "Pieter", null, "Smit", "1961-07-21",
            "Dorpsstraat", 101, null, "8501 AB", "Joure", "Adviseur", "050 000 00 00", "a@example.com"));
        _bakeryId = await _db.Customers.AddCompanyAsync(new Company(0, "24444001", "Bakkerij De Korenbloem B.V.", "Leeuwarden", 1,
            "Adviseur", "050 000 00 00", "a@example.com"));
        await _db.Accounts.CreateAsync(new NewAccount(Portals.Private, "anna.vandenberg@example.com", "Anna van den Berg", TestPasswords.RightHash, _annaId, null));
        await _db.Accounts.CreateAsync(new NewAccount(Portals.Business, "inkoop@korenbloem.example.com", "Fenna Visser", TestPasswords.RightHash, null, _bakeryId));
        await _db.Accounts.CreateAsync(new NewAccount(Portals.Staff, "agent@avero.example.com", "Agent Berg", TestPasswords.RightHash, null, null, StaffRoles.SupportAgent));
    }

    [Theory]
    [InlineData("ANNA.vandenberg@", "Anna van den Berg")]
    [InlineData("van den berg", "Anna van den Berg")]
    [InlineData("Berg", "Anna van den Berg")]
    [InlineData("200001", "Anna van den Berg")]
    [InlineData("24444001", "Bakkerij De Korenbloem B.V.")]
    [InlineData("korenbloem", "Bakkerij De Korenbloem B.V.")]
    [InlineData("Fenna", "Bakkerij De Korenbloem B.V.")]
    public async Task FindsCustomersAndCompaniesByWhatTheCallerKnows(string text, string expectedName)
    {
        var (hits, total) = await _search.SearchAsync(new SearchQuery(text, null, null), 0, 10);

        Assert.Equal(1, total);
        Assert.Equal(expectedName, Assert.Single(hits).Name);
    }

    [Theory]
    [InlineData("9711 GB", "5a")]
    [InlineData("9711gb", "5 A")]
    public async Task FindsByPostcodeAndHouseNumberInAnyNotation(string postcode, string houseNumber)
    {
        var (hits, _) = await _search.SearchAsync(new SearchQuery(null, postcode, houseNumber), 0, 10);

        Assert.Equal(_annaId, Assert.Single(hits).CustomerId);
    }

    [Fact]
    public async Task FindsCustomersWithoutAnAccountToo()
    {
        var (hits, _) = await _search.SearchAsync(new SearchQuery("Smit", null, null), 0, 10);

        var hit = Assert.Single(hits);
        Assert.Null(hit.AccountId);
        Assert.Null(hit.Email);
    }

    [Fact]
    public async Task NeverShowsStaffAccounts()
    {
        var (hits, _) = await _search.SearchAsync(new SearchQuery("agent@avero", null, null), 0, 10);

        Assert.Empty(hits);
    }

    [Fact]
    public async Task PagesThroughManyHits()
    {
        for (var i = 0; i < 23; i++)
        {
            await _db.Customers.AddCustomerAsync(new Customer(0, $"3{i:D5}", "J.", "Jan", null, "Jansen", "1970-01-01",
                "Laan", i + 1, null, "1000 AA", "Amsterdam", "Adviseur", "020 000 00 00", "a@example.com"));
        }

        var (first, total) = await _search.SearchAsync(new SearchQuery("Jansen", null, null), 0, 10);
        var (last, _) = await _search.SearchAsync(new SearchQuery("Jansen", null, null), 20, 10);

        Assert.Equal(23, total);
        Assert.Equal(10, first.Count);
        Assert.Equal(3, last.Count);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("' OR 1=1 --")]
    public async Task WildcardsAndQuotesAreTakenLiterally(string text)
    {
        var (hits, _) = await _search.SearchAsync(new SearchQuery(text, null, null), 0, 10);

        Assert.Empty(hits);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("", "1234AB", null)]
    [InlineData("a\u0000b", null, null)]
    public void IncompleteOrBadQueriesAreInvalid(string? text, string? postcode, string? houseNumber)
    {
        Assert.False(CustomerSearch.IsValid(new SearchQuery(text, postcode, houseNumber)));
        Assert.False(CustomerSearch.IsValid(new SearchQuery(new string('x', CustomerSearch.MaxInputLength + 1), null, null)));
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }
}
