namespace AveroPortal.Tests.Settings;

// The settings pages themselves, with and without a session.
public sealed partial class SettingsBadInputTests
{
    [Theory]
    [InlineData("/instellingen")]
    [InlineData("/instellingen/wachtwoord")]
    [InlineData("/instellingen/authenticator")]
    [InlineData("/instellingen/sessies")]
    public async Task SettingsPageSendsAVisitorWithoutSessionToTheLogin(string path)
    {
        var response = await FormClient.For(factory).Http.GetAsync(path);

        var target = response.Target();
        Assert.Equal("/inloggen", target.AbsolutePath);
        Assert.Equal(path, target.QueryValue("ReturnUrl"));
    }

    [Theory]
    [InlineData("/instellingen", "Mijn gegevens")]
    [InlineData("/instellingen/wachtwoord", "Wachtwoord wijzigen")]
    [InlineData("/instellingen/authenticator", "Authenticator-app overzetten naar een nieuwe telefoon")]
    [InlineData("/instellingen/sessies", "Waar u nu bent ingelogd")]
    public async Task SettingsPageRendersAsAStaticPageForALoggedInCustomer(string path, string heading)
    {
        var user = await LogInAsync();

        var response = await user.Client.Http.GetAsync(path);

        var page = await AssertDutchPageAsync(response);
        Assert.Contains("<h1", page, StringComparison.Ordinal);
        Assert.Contains(heading, page, StringComparison.Ordinal);
        // Static SSR: no interactive component markers, so every change is a real form post.
        Assert.DoesNotContain("<!--Blazor:{\"type\":\"server\"", page, StringComparison.Ordinal);
    }
}
