using AveroPortal.Blazor.Features.Settings;
using AveroPortal.Core.Login;
using Bunit;

namespace AveroPortal.Tests.Settings;

public sealed class SettingsProfilePageTests : SettingsBunitTest
{
    private static Dictionary<string, string> Pairs(IRenderedComponent<SettingsProfilePage> cut, string list)
    {
        var dl = cut.Find($"[data-testid={list}]");
        return dl.QuerySelectorAll("dt").Zip(dl.QuerySelectorAll("dd"))
            .ToDictionary(p => p.First.TextContent.Trim(), p => string.Join(' ', p.Second.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task ShowsAveroDataOfAPrivateCustomerReadOnly()
    {
        var account = await SignInAccountAsync();

        var cut = RenderPage<SettingsProfilePage>();

        var data = Pairs(cut, "profile-data");
        Assert.Equal("T. van Test", data["Naam"]);
        Assert.StartsWith("K", data["Klantnummer"], StringComparison.Ordinal);
        Assert.Equal("31 januari 1980", data["Geboortedatum"]);
        Assert.Equal("Teststraat 12 a, 1234 AB Teststad", data["Adres"]);
        var own = Pairs(cut, "profile-account");
        Assert.Equal("Tessa van Test", own["Naam"]);
        Assert.Equal(account.Email, own["E-mailadres (om in te loggen)"]);
        Assert.Empty(cut.FindAll("input"));
        Assert.Empty(cut.FindAll("form"));
    }

    [Fact]
    public async Task SaysToAskTheAdviserAndShowsHowToReachThem()
    {
        await SignInAccountAsync();

        var cut = RenderPage<SettingsProfilePage>();

        Assert.Contains("vraag het dan aan uw adviseur", cut.Find("[data-testid=profile-intro]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Uw adviseur", cut.FindAll("h2").Last().TextContent.Trim());
        Assert.Contains(cut.FindAll("dd"), dd => dd.TextContent.Trim() == "Anne Adviseur");
        Assert.Equal("tel:0581234567", cut.Find("a[href^='tel:']").GetAttribute("href"));
        Assert.Equal("mailto:anne@adviseur.example", cut.Find("a[href^='mailto:']").GetAttribute("href"));
    }

    [Fact]
    public async Task ShowsTheCompanyAndTheOwnAccountOfABusinessCustomer()
    {
        var account = await SignInAccountAsync(Portals.Business);

        var cut = RenderPage<SettingsProfilePage>();

        var data = Pairs(cut, "profile-data");
        Assert.Equal("Bakkerij De Korenbloem", data["Bedrijfsnaam"]);
        Assert.Matches("^[0-9]{8}$", data["KVK-nummer"]);
        Assert.Equal("Sneek", data["Plaats"]);
        Assert.Equal(account.Email, Pairs(cut, "profile-account")["E-mailadres (om in te loggen)"]);
        Assert.Contains(cut.FindAll("dd"), dd => dd.TextContent.Trim() == "Bert Adviseur");
        Assert.Contains("uw bedrijf", cut.Find("[data-testid=profile-intro]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarksMyDetailsAsTheCurrentSectionOfTheSubNavigation()
    {
        await SignInAccountAsync();

        var cut = RenderPage<SettingsProfilePage>();

        var nav = cut.Find("nav[data-testid=settings-nav]");
        Assert.Equal("Onderdelen van instellingen", nav.GetAttribute("aria-label"));
        Assert.Equal(
            ["/instellingen", "/instellingen/wachtwoord", "/instellingen/authenticator", "/instellingen/herstelcodes", "/instellingen/passkeys", "/instellingen/sessies"],
            nav.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        var current = Assert.Single(nav.QuerySelectorAll("a[aria-current=page]"));
        Assert.Equal("Mijn gegevens", current.TextContent.Trim());
    }

    [Fact]
    public void IdinLoginGetsAnExplanationInsteadOfSettings()
    {
        SignInWithIdin();

        var cut = RenderPage<SettingsProfilePage>();

        var explanation = cut.Find("[data-testid=settings-external]").TextContent;
        Assert.Contains("U bent ingelogd met iDIN", explanation, StringComparison.Ordinal);
        Assert.Contains("058 297 72 34", explanation, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=settings-nav]"));
        Assert.Empty(cut.FindAll("[data-testid=profile-data]"));
    }

    [Fact]
    public void EHerkenningLoginGetsItsOwnExplanation()
    {
        SignInWithEHerkenning();

        var cut = RenderPage<SettingsProfilePage>();

        Assert.Contains("U bent ingelogd met eHerkenning", cut.Find("[data-testid=settings-external]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=settings-nav]"));
    }

    [Fact]
    public async Task ShowsThePageInEnglishWhenTheCustomerChoseEnglish()
    {
        UseCulture("en");
        await SignInAccountAsync();

        var cut = RenderPage<SettingsProfilePage>();

        Assert.Equal("Settings", cut.Find("h1").TextContent.Trim());
        Assert.Equal("31 January 1980", Pairs(cut, "profile-data")["Date of birth"]);
        Assert.Contains("ask your adviser", cut.Find("[data-testid=profile-intro]").TextContent, StringComparison.Ordinal);
    }
}
