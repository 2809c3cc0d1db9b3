using System.Net;
using AveroPortal.Core.Login;
using AveroPortal.Core.Passkeys;

namespace AveroPortal.Tests.Support;

/// <summary>The customer page lists an account's passkeys for the Supportdesk (PasskeyList): name, dates, the clone warning, never key material.</summary>
public sealed class SupportPasskeyListTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string PublicKey = "pQECAyYgASFYIKEY-MATERIAL-NEVER-SHOWN";

    private async Task<string> CustomerPageAsync(long accountId)
    {
        var customerId = (await factory.Get<AccountRepository>().GetAsync(accountId))!.CustomerId!.Value;
        var client = FormClient.For(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(await factory.CreateStaffAsync())).StatusCode);
        var response = await client.Http.GetAsync($"/support/klant/{customerId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<long> AddPasskeyAsync(long accountId, string name)
    {
        var credentialId = SoftwareAuthenticator.Base64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        return (await factory.Get<PasskeyCredentialRepository>().TryAddAsync(
            new NewPasskeyCredential(accountId, credentialId, "aGFuZGxl", PublicKey, 0, "internal", Guid.Empty.ToString(), name)))!.Value;
    }

    [Fact]
    public async Task AnAccountWithoutPasskeysSaysSo()
    {
        var account = await factory.CreateAccountAsync();

        var page = await CustomerPageAsync(account.Id);

        Assert.Contains("data-testid=\"passkeys-none\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"remove-passkey\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLoginMethodsOfAnAccountWithPasskeysNameHowMany()
    {
        var account = await factory.CreateAccountAsync();
        await AddPasskeyAsync(account.Id, "iPhone van Jan");
        await AddPasskeyAsync(account.Id, "YubiKey");

        var page = await CustomerPageAsync(account.Id);

        Assert.Contains("data-testid=\"login-methods-passkeys\">Passkey (2 geregistreerd)<", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLoginMethodsOfAnAccountWithoutPasskeysDoNotMentionThem()
    {
        var account = await factory.CreateAccountAsync();

        var page = await CustomerPageAsync(account.Id);

        Assert.Contains("data-testid=\"login-methods\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"login-methods-passkeys\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("geregistreerd)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasskeysAreListedByNameWithARemoveButtonAndNoKeyMaterial()
    {
        var account = await factory.CreateAccountAsync();
        await AddPasskeyAsync(account.Id, "iPhone van Jan");
        await AddPasskeyAsync(account.Id, "YubiKey <blauw>");

        var page = await CustomerPageAsync(account.Id);

        Assert.Contains("iPhone van Jan", page, StringComparison.Ordinal);
        Assert.Contains("YubiKey &lt;blauw&gt;", page, StringComparison.Ordinal);
        Assert.Equal(2, page.Split("data-testid=\"remove-passkey\"").Length - 1);
        Assert.Contains("nog niet", page, StringComparison.Ordinal);
        Assert.DoesNotContain(PublicKey, page, StringComparison.Ordinal);
        Assert.DoesNotContain("aGFuZGxl", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"passkey-cloned\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APasskeyWhoseCounterWentBackIsMarkedPossiblyCloned()
    {
        var account = await factory.CreateAccountAsync();
        var id = await AddPasskeyAsync(account.Id, "Gekloonde sleutel");
        await factory.Get<PasskeyCredentialRepository>().MarkCounterRegressedAsync(id);

        var page = await CustomerPageAsync(account.Id);

        Assert.Contains("data-testid=\"passkey-cloned\"", page, StringComparison.Ordinal);
        Assert.Contains("mogelijk gekloond", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"passkey-cloned-warning\"", page, StringComparison.Ordinal);
    }
}
