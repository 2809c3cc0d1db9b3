using AveroPortal.Blazor.Features.Settings;
using AveroPortal.Core.Login;
using AveroPortal.Core.Sessions;
using AveroPortal.Core.Settings;
using Bunit;

namespace AveroPortal.Tests.Settings;

public sealed class SettingsSessionsPageTests : SettingsBunitTest
{
    private const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

    private static List<string[]> Rows(IRenderedComponent<SettingsSessionsPage> cut, string testId) =>
        cut.FindAll($"[data-testid={testId}]").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();

    [Fact]
    public async Task ListsTheLiveSessionsAndMarksThisDevice()
    {
        var account = await SignInAccountAsync();
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Get<SessionRepository>().CreateAsync(account.AccountId, "password+totp", "198.51.100.9", IPhone);

        var cut = RenderPage<SettingsSessionsPage>();

        var rows = Rows(cut, "active-session");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["2 mrt 2026 10:05", "2 mrt 2026 10:05", "198.51.100.9", "Safari op iPhone"], rows[0]);
        Assert.Equal("192.0.2.44", rows[1][2]);
        Assert.Equal("Chrome op Linux (Dit apparaat)", string.Join(' ', rows[1][3].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Single(cut.FindAll("[data-testid=this-device]"));
        Assert.Equal(["Ingelogd op", "Laatst actief", "IP-adres", "Browser"],
            cut.FindAll("[data-testid=active-sessions] th").Select(th => th.TextContent.Trim()));
        Assert.All(cut.FindAll("th"), th => Assert.Equal("col", th.GetAttribute("scope")));
    }

    [Fact]
    public async Task ShowsTheLoginHistoryInAmsterdamTimeWithMethodOutcomeAddressAndBrowser()
    {
        var account = await SignInAccountAsync();
        var events = Get<LoginEventRepository>();
        await events.AddAsync(account.AccountId, Portals.Private, LoginMethods.Password, LoginOutcomes.WrongPassword, ClientInfo.Of("203.0.113.5", IPhone));
        Clock.Advance(TimeSpan.FromMinutes(1));
        await events.AddAsync(account.AccountId, Portals.Private, SettingsEvents.PasswordChangeMethod, SettingsEvents.PasswordChanged, ClientInfo.Of(null, null));

        var cut = RenderPage<SettingsSessionsPage>();

        var rows = Rows(cut, "history-row");
        Assert.Equal(["2 mrt 2026 10:01", "Wachtwoord wijzigen", "Wachtwoord gewijzigd", "Onbekend", "Onbekend"], rows[0]);
        Assert.Equal(["2 mrt 2026 10:00", "Wachtwoord", "Wachtwoord onjuist", "203.0.113.5", "Safari op iPhone"], rows[1]);
    }

    [Fact]
    public async Task ShowsTheLastTwentyLoginEventsOnly()
    {
        var account = await SignInAccountAsync();
        var events = Get<LoginEventRepository>();
        for (var i = 0; i < 25; i++)
        {
            await events.AddAsync(account.AccountId, Portals.Private, LoginMethods.Authenticator, LoginOutcomes.Success, ClientInfo.Of($"192.0.2.{i}", null));
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var cut = RenderPage<SettingsSessionsPage>();

        var rows = Rows(cut, "history-row");
        Assert.Equal(SettingsSessionsPage.HistoryLength, rows.Count);
        Assert.Equal("192.0.2.24", rows[0][3]);
        Assert.Equal("192.0.2.5", rows[^1][3]);
    }

    [Fact]
    public async Task NoHistoryYetSaysSo()
    {
        await SignInAccountAsync();

        var cut = RenderPage<SettingsSessionsPage>();

        Assert.Equal("Er zijn nog geen inlogpogingen.", cut.Find("[data-testid=history-empty]").TextContent.Trim());
    }

    [Fact]
    public async Task SignOutEverywhereElseEndsTheOtherSessionsAndSaysHowMany()
    {
        var account = await SignInAccountAsync();
        var sessions = Get<SessionRepository>();
        var phone = await sessions.CreateAsync(account.AccountId, "password+totp", "198.51.100.9", IPhone);
        var laptop = await sessions.CreateAsync(account.AccountId, "password+totp", "198.51.100.10", null);
        var cut = RenderPage<SettingsSessionsPage>();
        Assert.Equal(3, Rows(cut, "active-session").Count);

        await cut.Find("form").SubmitAsync();

        Assert.Equal("U bent op 2 andere plekken uitgelogd. U blijft hier ingelogd.", cut.Find("[data-testid=signed-out]").TextContent.Trim());
        Assert.Single(Rows(cut, "active-session"));
        Assert.Single(cut.FindAll("[data-testid=this-device]"));
        Assert.False(sessions.IsLive((await sessions.GetAsync(phone))!));
        Assert.False(sessions.IsLive((await sessions.GetAsync(laptop))!));
        Assert.True(sessions.IsLive((await sessions.GetAsync(account.SessionId))!));
    }

    [Fact]
    public async Task SignOutEverywhereElseWithNothingElseOpenSaysSo()
    {
        await SignInAccountAsync();
        var cut = RenderPage<SettingsSessionsPage>();

        await cut.Find("form").SubmitAsync();

        Assert.Equal("Er was nergens anders een sessie actief. U blijft hier ingelogd.", cut.Find("[data-testid=signed-out]").TextContent.Trim());
    }

    [Fact]
    public async Task SignOutButtonIsAStaticFormWithAnAntiforgeryToken()
    {
        await SignInAccountAsync();

        var cut = RenderPage<SettingsSessionsPage>();

        var form = cut.Find("form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("Overal elders uitloggen", form.QuerySelector("button[type=submit]")!.TextContent.Trim());
        Assert.Equal("Inloggeschiedenis en sessies", cut.Find("nav a[aria-current=page]").TextContent.Trim());
    }

    [Fact]
    public void IdinLoginGetsTheExplanationAndNoSessionsOrButton()
    {
        SignInWithIdin();

        var cut = RenderPage<SettingsSessionsPage>();

        Assert.Contains("U bent ingelogd met iDIN", cut.Find("[data-testid=settings-external]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("form"));
        Assert.Empty(cut.FindAll("table"));
    }

    [Fact]
    public void EHerkenningLoginGetsTheExplanationAndNoSessionsOrButton()
    {
        SignInWithEHerkenning();

        var cut = RenderPage<SettingsSessionsPage>();

        Assert.Contains("U bent ingelogd met eHerkenning", cut.Find("[data-testid=settings-external]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("table"));
    }
}
