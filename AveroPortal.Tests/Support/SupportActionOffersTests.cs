using System.Net;
using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Support;

/// <summary>
/// The customer screen offers an action only when it would change something (the actions themselves still answer
/// NothingToDo, SupportActionsTests); read from the page as the agent's browser first receives it.
/// </summary>
public sealed class SupportActionOffersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<string> CustomerPageAsync(long accountId)
    {
        var customerId = (await factory.Get<AccountRepository>().GetAsync(accountId))!.CustomerId!.Value;
        return await CustomerPageForAsync(customerId);
    }

    private async Task<string> CustomerPageForAsync(long customerId)
    {
        var client = FormClient.For(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(await factory.CreateStaffAsync())).StatusCode);
        var response = await client.Http.GetAsync($"/support/klant/{customerId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task UnlinkIsNotOfferedOnAnAccountWithoutAnAuthenticator()
    {
        var account = await factory.CreateAccountAsync(enrolled: false);

        var page = await CustomerPageAsync(account.Id);

        Assert.Contains("data-testid=\"account-panel\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"unlink\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"no-actions\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnlinkIsOfferedOnAnAccountWithAnAuthenticator()
    {
        var account = await factory.CreateAccountAsync(enrolled: true);

        var page = await CustomerPageAsync(account.Id);

        Assert.Contains("data-testid=\"unlink\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnlockIsOfferedOnlyAfterFailedAttempts()
    {
        var account = await factory.CreateAccountAsync();
        Assert.DoesNotContain("data-testid=\"unlock\"", await CustomerPageAsync(account.Id), StringComparison.Ordinal);

        await factory.Get<AccountRepository>().BeginAttemptAsync(account.Id);

        Assert.Contains("data-testid=\"unlock\"", await CustomerPageAsync(account.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnfreezeIsOfferedOnlyOnAFrozenAccount()
    {
        var account = await factory.CreateAccountAsync();

        Assert.DoesNotContain("data-testid=\"unfreeze\"", await CustomerPageAsync(account.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSwitchFromIdinIsNotOfferedToACustomerWhoAlreadyHasAnEmailAccount()
    {
        var account = await factory.CreateAccountAsync();

        var page = await CustomerPageAsync(account.Id);

        Assert.DoesNotContain("data-testid=\"send-account-link\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSwitchFromIdinIsOfferedToACustomerWithoutAnEmailAccount()
    {
        var customerId = await factory.CreateCustomerAsync();

        var page = await CustomerPageForAsync(customerId);

        Assert.Contains("data-testid=\"send-account-link\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginEventsShowInWordsNotAsStoredCodes()
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);
        await client.LoginAsync(account);

        var page = await CustomerPageAsync(account.Id);

        Assert.Contains("Wachtwoord juist", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">password-accepted<", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">success<", page, StringComparison.Ordinal);
    }
}
