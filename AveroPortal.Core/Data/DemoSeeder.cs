using AveroPortal.Core.Customers;
using AveroPortal.Core.Login;
using AveroPortal.Core.Policies;
using Dapper;
using OtpNet;

namespace AveroPortal.Core.Data;

/// <summary>
/// Demo data for a first start in Development: customers, insured companies and e-mail accounts, some with an
/// authenticator already bound to a published demo key and some that still have to scan the QR code, and the policies
/// of the insured customers and companies (the uninsured transport company has none, so Mijn overzicht's empty state
/// can be seen too).
/// </summary>
public sealed class DemoSeeder(
    Db db,
    CustomerRepository customers,
    PolicyRepository policies,
    AccountRepository accounts,
    AuthenticatorRepository authenticators,
    AuthenticatorSecrets secrets,
    PasswordHashing hashing)
{
    public const string DemoPassword = "Avero-demo-2026";
    public const string DemoAuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    public async Task<bool> SeedAsync()
    {
        await using (var connection = await db.OpenAsync())
        {
            if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM customers") > 0)
            {
                return false;
            }
        }

        var jan = await customers.AddCustomerAsync(new Customer(0, "100001", "J.", "Jan", "de", "Vries", "1975-03-14",
            "Stationsweg", 12, null, "8911 AH", "Leeuwarden",
            "Bouma Assurantiën, Sietske Bouma", "058 212 34 56", "sietske@bouma-assurantien.example"));
        var anna = await customers.AddCustomerAsync(new Customer(0, "100002", "A.M.", "Anna", "van den", "Berg", "1988-11-02",
            "Kerkstraat", 5, "A", "9711 GB", "Groningen",
            "Noorderlicht Verzekeringen, Rick Jansma", "050 313 22 11", "rick@noorderlicht.example"));
        var pieter = await customers.AddCustomerAsync(new Customer(0, "100003", "P.", "Pieter", null, "Smit", "1961-07-21",
            "Dorpsstraat", 101, null, "8501 AB", "Joure",
            "Bouma Assurantiën, Sietske Bouma", "058 212 34 56", "sietske@bouma-assurantien.example"));

        var bakery = await customers.AddCompanyAsync(new Company(0, "24444001", "Bakkerij De Korenbloem B.V.", "Leeuwarden", 1,
            "Bouma Assurantiën, Sietske Bouma", "058 212 34 56", "sietske@bouma-assurantien.example"));
        var installer = await customers.AddCompanyAsync(new Company(0, "01234567", "Installatiebedrijf Hoekstra", "Sneek", 1,
            "Noorderlicht Verzekeringen, Rick Jansma", "050 313 22 11", "rick@noorderlicht.example"));
        await customers.AddCompanyAsync(new Company(0, "69599084", "Transport Wâldwei B.V. (niet verzekerd)", "Drachten", 0,
            "Noorderlicht Verzekeringen, Rick Jansma", "050 313 22 11", "rick@noorderlicht.example"));

        await SeedPoliciesAsync(jan, anna, pieter, bakery, installer);

        var hash = await hashing.HashAsync(DemoPassword);
        var janAccount = await accounts.CreateAsync(new NewAccount(Portals.Private, "jan.devries@example.com", "Jan de Vries", hash, jan, null));
        await accounts.CreateAsync(new NewAccount(Portals.Private, "anna.vandenberg@example.com", "Anna van den Berg", hash, anna, null));
        // The first e-mail account of a company is its administrator (AccountRepository.CreateAsync): Fenna for Korenbloem.
        var bakeryAccount = await accounts.CreateAsync(new NewAccount(Portals.Business, "inkoop@korenbloem.example.com", "Fenna Visser", hash, null, bakery));
        await accounts.CreateAsync(new NewAccount(Portals.Business, "t.hoekstra@hoekstra.example.com", "Tjeerd Hoekstra", hash, null, installer));

        var admin = await accounts.CreateAsync(new NewAccount(Portals.Staff, "beheer@averoachmea.example.com", "Marije Beheer", hash, null, null, StaffRoles.Admin));
        var agent = await accounts.CreateAsync(new NewAccount(Portals.Staff, "supportdesk@averoachmea.example.com", "Sjoerd Supportdesk", hash, null, null, StaffRoles.SupportAgent));

        foreach (var accountId in new[] { janAccount, bakeryAccount, admin, agent })
        {
            await authenticators.GetOrCreatePendingAsync(accountId, () => secrets.Protect(Base32Encoding.ToBytes(DemoAuthenticatorKey)));
            await authenticators.TryConfirmAsync(accountId, 0);
        }

        return true;
    }

    private async Task SeedPoliciesAsync(long jan, long anna, long pieter, long bakery, long installer)
    {
        NewPolicy Private(string number, long customer, string product, string status, string start) =>
            new(number, customer, null, product, status, start);
        NewPolicy Business(string number, long company, string product, string status, string start) =>
            new(number, null, company, product, status, start);

        foreach (var policy in new[]
        {
            Private("AP-2019-004711", jan, "Woonhuisverzekering", PolicyStatuses.Active, "2019-05-01"),
            Private("AP-2019-004712", jan, "Inboedelverzekering", PolicyStatuses.Active, "2019-05-01"),
            Private("AP-2021-018230", jan, "Autoverzekering", PolicyStatuses.Suspended, "2021-09-15"),
            Private("AP-2016-000954", jan, "Aansprakelijkheidsverzekering particulieren", PolicyStatuses.Ended, "2016-01-01"),
            Private("AP-2022-031407", anna, "Inboedelverzekering", PolicyStatuses.Active, "2022-03-01"),
            Private("AP-2023-040522", anna, "Aansprakelijkheidsverzekering particulieren", PolicyStatuses.Active, "2023-01-01"),
            Private("AP-2012-000318", pieter, "Autoverzekering", PolicyStatuses.Ended, "2012-06-01"),
            Business("AB-2018-700211", bakery, "Bedrijfsaansprakelijkheid", PolicyStatuses.Active, "2018-02-01"),
            Business("AB-2018-700212", bakery, "Bedrijfsgebouwen", PolicyStatuses.Active, "2018-02-01"),
            Business("AB-2020-712045", bakery, "Wagenpark", PolicyStatuses.Suspended, "2020-10-01"),
            Business("AB-2017-690830", installer, "Bedrijfsaansprakelijkheid", PolicyStatuses.Active, "2017-04-01"),
            Business("AB-2021-720364", installer, "Wagenpark", PolicyStatuses.Active, "2021-07-01"),
            Business("AB-2015-650119", installer, "Bedrijfsgebouwen", PolicyStatuses.Ended, "2015-01-01"),
        })
        {
            await policies.AddAsync(policy);
        }
    }
}
