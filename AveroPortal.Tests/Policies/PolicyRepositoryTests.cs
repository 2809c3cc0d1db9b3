using AveroPortal.Core.Customers;
using AveroPortal.Core.Data;
using AveroPortal.Core.Policies;
using Dapper;

namespace AveroPortal.Tests.Policies;

/// <summary>
/// <see cref="PolicyRepository"/> on a real database: each owner sees only its own policies, in a stable order, and
/// the table refuses a policy without exactly one owner. Run on SQLite (<see cref="PolicyRepositoryTests"/>) and on
/// PostgreSQL (<see cref="PolicyRepositoryPostgreSqlTests"/>) with the same tests.
/// </summary>
public abstract class PolicyRepositoryContract
{
    private protected abstract Task<TestDatabase> DatabaseAsync();

    private static Task<long> AddCustomerAsync(TestDatabase db, string number) =>
        db.Customers.AddCustomerAsync(new Customer(0, number, "K.", "Klant", null, number, "1980-01-01", "Teststraat", 1, null,
            "1234 AB", "Teststad", "Adviseur", "058 000 00 00", "adviseur@example.com"));

    private static Task<long> AddCompanyAsync(TestDatabase db, string kvk) =>
        db.Customers.AddCompanyAsync(new Company(0, kvk, "Bedrijf " + kvk, "Teststad", 1, "Adviseur", "058 000 00 00", "adviseur@example.com"));

    [Fact]
    public async Task ACustomerNeverSeesAnotherCustomersPolicies()
    {
        using var db = await DatabaseAsync();
        var own = await AddCustomerAsync(db, "500001");
        var other = await AddCustomerAsync(db, "500002");
        await db.Policies.AddAsync(new NewPolicy("AP-EIGEN-1", own, null, "Autoverzekering", PolicyStatuses.Active, "2020-01-01"));
        await db.Policies.AddAsync(new NewPolicy("AP-ANDER-1", other, null, "Inboedelverzekering", PolicyStatuses.Active, "2020-01-01"));
        await db.Policies.AddAsync(new NewPolicy("AP-ANDER-2", other, null, "Woonhuisverzekering", PolicyStatuses.Ended, "2010-01-01"));

        var policies = await db.Policies.ForCustomerAsync(own);

        var policy = Assert.Single(policies);
        Assert.Equal(new Policy(policy.Id, "AP-EIGEN-1", "Autoverzekering", PolicyStatuses.Active, "2020-01-01"), policy);
        Assert.Equal(["AP-ANDER-1", "AP-ANDER-2"], (await db.Policies.ForCustomerAsync(other)).Select(p => p.PolicyNumber).Order());
    }

    [Fact]
    public async Task ACustomerNeverSeesTheCompanyPoliciesWithTheSameId()
    {
        // Customers and companies number their ids separately, so customer 1 and company 1 both exist: the owner
        // column decides, never the bare id.
        using var db = await DatabaseAsync();
        var customer = await AddCustomerAsync(db, "500003");
        var company = await AddCompanyAsync(db, "50000003");
        Assert.Equal(customer, company);
        await db.Policies.AddAsync(new NewPolicy("AB-BEDRIJF-1", null, company, "Wagenpark", PolicyStatuses.Active, "2020-01-01"));

        Assert.Empty(await db.Policies.ForCustomerAsync(customer));
        Assert.Equal("AB-BEDRIJF-1", Assert.Single(await db.Policies.ForCompanyAsync(company)).PolicyNumber);
    }

    [Fact]
    public async Task PoliciesComeActiveFirstThenSuspendedThenEndedAndNewestFirstWithin()
    {
        using var db = await DatabaseAsync();
        var company = await AddCompanyAsync(db, "50000004");
        foreach (var (number, status, start) in new[]
        {
            ("AB-4", PolicyStatuses.Ended, "2022-01-01"),
            ("AB-2", PolicyStatuses.Active, "2019-01-01"),
            ("AB-3", PolicyStatuses.Suspended, "2023-01-01"),
            ("AB-1", PolicyStatuses.Active, "2021-06-01"),
            ("AB-0", PolicyStatuses.Active, "2021-06-01"),
        })
        {
            await db.Policies.AddAsync(new NewPolicy(number, null, company, "Bedrijfsgebouwen", status, start));
        }

        var order = (await db.Policies.ForCompanyAsync(company)).Select(p => p.PolicyNumber);

        Assert.Equal(["AB-0", "AB-1", "AB-2", "AB-3", "AB-4"], order);
    }

    [Fact]
    public async Task APolicyWithoutExactlyOneOwnerIsRefused()
    {
        using var db = await DatabaseAsync();
        var customer = await AddCustomerAsync(db, "500005");
        var company = await AddCompanyAsync(db, "50000005");

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            db.Policies.AddAsync(new NewPolicy("AP-BEIDE", customer, company, "Autoverzekering", PolicyStatuses.Active, "2020-01-01")));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            db.Policies.AddAsync(new NewPolicy("AP-GEEN", null, null, "Autoverzekering", PolicyStatuses.Active, "2020-01-01")));
        await using var connection = await db.Db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM policies"));
    }

    [Fact]
    public async Task AnUnknownStatusIsRefused()
    {
        using var db = await DatabaseAsync();
        var customer = await AddCustomerAsync(db, "500006");

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            db.Policies.AddAsync(new NewPolicy("AP-RAAR", customer, null, "Autoverzekering", "Actief", "2020-01-01")));
    }

    [Fact]
    public async Task TheDemoSeedGivesTheInsuredCustomersAndCompaniesTheirPolicies()
    {
        using var db = await DatabaseAsync();
        Assert.True(await db.Seeder.SeedAsync());
        var jan = (await db.Accounts.FindByEmailAsync("jan.devries@example.com"))!;
        var bakery = (await db.Accounts.FindByEmailAsync("inkoop@korenbloem.example.com"))!;
        var uninsured = (await db.Customers.GetCompanyByKvkAsync("69599084"))!;

        var jans = await db.Policies.ForCustomerAsync(jan.CustomerId!.Value);
        var bakerys = await db.Policies.ForCompanyAsync(bakery.CompanyId!.Value);

        Assert.Contains(jans, p => p.Product == "Autoverzekering");
        Assert.Equal(PolicyStatuses.All.Order(), jans.Select(p => p.Status).Distinct().Order());
        Assert.Contains(bakerys, p => p.Product == "Bedrijfsaansprakelijkheid");
        Assert.DoesNotContain(bakerys, p => jans.Any(j => j.PolicyNumber == p.PolicyNumber));
        Assert.Empty(await db.Policies.ForCompanyAsync(uninsured.Id));
    }
}

public sealed class PolicyRepositoryTests : PolicyRepositoryContract
{
    private protected override Task<TestDatabase> DatabaseAsync() => TestDatabase.CreateAsync();
}

public sealed class PolicyRepositoryPostgreSqlTests(PostgresFixture postgres) : PolicyRepositoryContract, IClassFixture<PostgresFixture>
{
    private protected override async Task<TestDatabase> DatabaseAsync() =>
        await TestDatabase.CreateAsync(DatabaseOptions.ForPostgreSql(await postgres.Server.CreateDatabaseAsync()));
}
