using AveroPortal.Core.Customers;
using AveroPortal.Core.Login;
using Dapper;
using OtpNet;

namespace AveroPortal.Core.Data;

/// <summary>
/// Demo data for a first start in Development: customers, insured companies and e-mail accounts, some with an
/// authenticator already bound to a published demo key and some that still have to scan the QR code.
/// </summary>
public sealed class DemoSeeder(
    Db db,
    CustomerRepository customers,
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
        await customers.AddCustomerAsync(new Customer(0, "100003", "P.", "Pieter", null, "Smit", "1961-07-21",
            "Dorpsstraat", 101, null, "8501 AB", "Joure",
            "Bouma Assurantiën, Sietske Bouma", "058 212 34 56", "sietske@bouma-assurantien.example"));

        var bakery = await customers.AddCompanyAsync(new Company(0, "24444001", "Bakkerij De Korenbloem B.V.", "Leeuwarden", 1,
            "Bouma Assurantiën, Sietske Bouma", "058 212 34 56", "sietske@bouma-assurantien.example"));
        var installer = await customers.AddCompanyAsync(new Company(0, "01234567", "Installatiebedrijf Hoekstra", "Sneek", 1,
            "Noorderlicht Verzekeringen, Rick Jansma", "050 313 22 11", "rick@noorderlicht.example"));
        await customers.AddCompanyAsync(new Company(0, "69599084", "Transport Wâldwei B.V. (niet verzekerd)", "Drachten", 0,
            "Noorderlicht Verzekeringen, Rick Jansma", "050 313 22 11", "rick@noorderlicht.example"));

        var hash = hashing.Hash(DemoPassword);
        var janAccount = await accounts.CreateAsync(new NewAccount(Portals.Private, "jan.devries@example.com", "Jan de Vries", hash, jan, null));
        await accounts.CreateAsync(new NewAccount(Portals.Private, "anna.vandenberg@example.com", "Anna van den Berg", hash, anna, null));
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
}
