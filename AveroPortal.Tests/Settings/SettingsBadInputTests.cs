using System.Net;
using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Tests.Settings;

/// <summary>
/// The settings forms over HTTP with broken or hostile input, stale forms and forged posts: every answer is a Dutch
/// page (never a 500), and nothing about the account changes: not the password, not the authenticator, not the
/// lockout counter, not the sessions, and no code is used up.
/// </summary>
public sealed class SettingsBadInputTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string NewPassword = "Nieuw wachtwoord voor de test";
    private const string FixFields = "Controleer de gemarkeerde velden.";
    private const string Expired = "Deze stap is verlopen of in een ander venster opnieuw begonnen.";
    private static readonly string TenKilobytes = new('x', 10 * 1024);

    private sealed record LoggedIn(FormClient Client, TestAccount Account, AuthenticatorApp App);

    /// <summary>Everything a settings form could change, read straight from the portal's database.</summary>
    private sealed record AccountState(
        string PasswordHash, long FailedCount, long? LockoutEnd, string SecretProtected, long? LastAcceptedStep,
        long PendingReplacements, long LoginEvents, long LiveSessions);

    private async Task<LoggedIn> LogInAsync()
    {
        var account = await factory.CreateAccountAsync();
        var app = new AuthenticatorApp(account.Secret!);
        var client = FormClient.For(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostPasswordAsync(account.PortalSlug, account.Email, account.Password)).StatusCode);
        Assert.Equal("/mijn-overzicht", (await client.PostCodeAsync(await app.NextCodeAsync())).Target().AbsolutePath);
        return new LoggedIn(client, account, app);
    }

    private async Task<AccountState> StateAsync(long accountId)
    {
        const string sql = """
            SELECT a.password_hash AS PasswordHash, a.failed_count AS FailedCount, a.lockout_end AS LockoutEnd,
                   b.secret_protected AS SecretProtected, b.last_accepted_step AS LastAcceptedStep,
                   (SELECT COUNT(*) FROM authenticator_replacements r WHERE r.account_id = a.id) AS PendingReplacements,
                   (SELECT COUNT(*) FROM login_events e WHERE e.account_id = a.id) AS LoginEvents,
                   (SELECT COUNT(*) FROM sessions s WHERE s.account_id = a.id AND s.ended_at IS NULL) AS LiveSessions
            FROM accounts a JOIN authenticator_bindings b ON b.account_id = a.id
            WHERE a.id = @Id
            """;
        await using var connection = await factory.Get<Db>().OpenAsync();
        return await connection.QuerySingleAsync<AccountState>(sql, new { Id = accountId });
    }

    private static Dictionary<string, string> PasswordFields(TestAccount account) => new()
    {
        ["Model.CurrentPassword"] = account.Password,
        ["Model.Code"] = "123456",
        ["Model.NewPassword"] = NewPassword,
        ["Model.Repeat"] = NewPassword,
    };

    private static async Task<string> AssertDutchPageAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        Assert.Equal(status, response.StatusCode);
        var page = await response.TextAsync();
        Assert.Contains("<html lang=\"nl\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Dutch.ServerErrorTitle, page, StringComparison.Ordinal);
        return page;
    }

    public static TheoryData<string, string, string> BadPasswordFields => new()
    {
        { "Model.CurrentPassword", "", "Vul uw huidige wachtwoord in." },
        { "Model.CurrentPassword", TenKilobytes, "Dit wachtwoord is te lang (maximaal 128 tekens)." },
        { "Model.CurrentPassword", "Zonnige\tdinsdag", Dutch.ControlCharacters },
        { "Model.Code", "", Dutch.CodeMissing },
        { "Model.Code", TenKilobytes, Dutch.CodeInvalidFormat },
        { "Model.Code", "12345a", Dutch.CodeInvalidFormat },
        { "Model.Code", "\u001b[31m", Dutch.CodeInvalidFormat },
        { "Model.Code", "' OR 1=1 --", Dutch.CodeInvalidFormat },
        { "Model.NewPassword", "", "Vul een nieuw wachtwoord in." },
        { "Model.NewPassword", TenKilobytes, "Dit wachtwoord is te lang (maximaal 128 tekens)." },
        { "Model.NewPassword", "Nieuw\u2028wachtwoord", Dutch.ControlCharacters },
        { "Model.Repeat", "", "Vul het nieuwe wachtwoord nog een keer in." },
        { "Model.Repeat", "\u001b[31mNieuw wachtwoord", Dutch.ControlCharacters },
    };

    [Theory]
    [MemberData(nameof(BadPasswordFields))]
    public async Task MalformedPasswordFormFieldIsRefusedInDutchAndChangesNothing(string field, string value, string message)
    {
        var user = await LogInAsync();
        var before = await StateAsync(user.Account.Id);
        var fields = PasswordFields(user.Account);
        fields[field] = value;

        var response = await user.Client.PostFormAsync("/instellingen/wachtwoord", "change-password", fields);

        var page = await AssertDutchPageAsync(response);
        Assert.Contains(FixFields, page, StringComparison.Ordinal);
        Assert.Contains(message, page, StringComparison.Ordinal);
        Assert.DoesNotContain(user.Account.Password, page, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

    [Theory]
    [InlineData("Model.CurrentPassword", "Vul uw huidige wachtwoord in.")]
    [InlineData("Model.Code", Dutch.CodeMissing)]
    [InlineData("Model.NewPassword", "Vul een nieuw wachtwoord in.")]
    [InlineData("Model.Repeat", "Vul het nieuwe wachtwoord nog een keer in.")]
    public async Task OmittedPasswordFormFieldIsRefusedInDutchAndChangesNothing(string field, string message)
    {
        var user = await LogInAsync();
        var before = await StateAsync(user.Account.Id);
        var fields = PasswordFields(user.Account);
        fields.Remove(field);

        var response = await user.Client.PostFormAsync("/instellingen/wachtwoord", "change-password", fields);

        Assert.Contains(message, await AssertDutchPageAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

    [Theory]
    [InlineData("kort", "Kies een wachtwoord van minimaal 8 tekens.")]
    [InlineData("password123", "Dit wachtwoord wordt veel gebruikt")]
    public async Task NewPasswordAgainstTheRulesGetsTheAccountCreationMessageAndChangesNothing(string newPassword, string message)
    {
        var user = await LogInAsync();
        var before = await StateAsync(user.Account.Id);
        var fields = PasswordFields(user.Account);
        fields["Model.NewPassword"] = fields["Model.Repeat"] = newPassword;

        var response = await user.Client.PostFormAsync("/instellingen/wachtwoord", "change-password", fields);

        Assert.Contains(message, await AssertDutchPageAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

    [Fact]
    public async Task NulCharacterIsRefusedBeforeTheFormIsReadAndChangesNothing()
    {
        var user = await LogInAsync();
        var before = await StateAsync(user.Account.Id);
        var fields = PasswordFields(user.Account);
        fields["Model.NewPassword"] = fields["Model.Repeat"] = "Nieuw\u0000wachtwoord";

        var response = await user.Client.PostFormAsync("/instellingen/wachtwoord", "change-password", fields);

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(Dutch.ServerErrorTitle, await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

    [Fact]
    public async Task WrongCurrentPasswordIsRefusedInDutchAndCountsAsAFailedAttempt()
    {
        var user = await LogInAsync();
        var before = await StateAsync(user.Account.Id);
        var fields = PasswordFields(user.Account);
        fields["Model.CurrentPassword"] = "Verkeerd-wachtwoord-1";
        fields["Model.Code"] = await user.App.NextCodeAsync();

        var response = await user.Client.PostFormAsync("/instellingen/wachtwoord", "change-password", fields);

        Assert.Contains("Uw huidige wachtwoord klopt niet. Er is niets gewijzigd.", await AssertDutchPageAsync(response), StringComparison.Ordinal);
        var after = await StateAsync(user.Account.Id);
        Assert.Equal(before with { FailedCount = 1, LoginEvents = before.LoginEvents + 1 }, after);
    }

    public static TheoryData<string> BadCodes => new() { "", TenKilobytes, "abcdef", "12\t3456", "<script>alert(1)</script>" };

    [Theory]
    [MemberData(nameof(BadCodes))]
    public async Task MalformedOldAppCodeIsRefusedInDutchAndStartsNothing(string code)
    {
        var user = await LogInAsync();
        var before = await StateAsync(user.Account.Id);

        var response = await user.Client.PostFormAsync("/instellingen/authenticator", "replace-start", new Dictionary<string, string> { ["Start.Code"] = code });

        var page = await AssertDutchPageAsync(response);
        Assert.Contains(FixFields, page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"qr-code\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

    [Theory]
    [InlineData("123456")]
    [InlineData("")]
    [InlineData("x\u001b[31m")]
    public async Task ConfirmationWithoutAPendingReplacementSaysItExpiredAndChangesNothing(string code)
    {
        var user = await LogInAsync();
        var before = await StateAsync(user.Account.Id);

        var response = await user.Client.PostFormAsync("/instellingen/authenticator", "replace-confirm", new Dictionary<string, string> { ["Confirm.Code"] = code });

        Assert.Contains(Expired, await AssertDutchPageAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

    [Fact]
    public async Task ConfirmationFromAnotherSessionOfTheSameAccountChangesNothing()
    {
        var user = await LogInAsync();
        var started = await user.Client.PostFormAsync("/instellingen/authenticator", "replace-start",
            new Dictionary<string, string> { ["Start.Code"] = await user.App.NextCodeAsync() });
        Assert.Contains("data-testid=\"qr-code\"", await AssertDutchPageAsync(started), StringComparison.Ordinal);
        var second = FormClient.For(factory);
        await second.PostPasswordAsync(user.Account.PortalSlug, user.Account.Email, user.Account.Password);
        Assert.Equal("/mijn-overzicht", (await second.PostCodeAsync(await user.App.NextCodeAsync())).Target().AbsolutePath);
        var before = await StateAsync(user.Account.Id);

        var response = await second.PostFormAsync("/instellingen/authenticator", "replace-confirm", new Dictionary<string, string> { ["Confirm.Code"] = "123456" });

        Assert.Contains(Expired, await AssertDutchPageAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

    public static TheoryData<string, string> Forms => new()
    {
        { "/instellingen/wachtwoord", "change-password" },
        { "/instellingen/authenticator", "replace-start" },
        { "/instellingen/authenticator", "replace-confirm" },
        { "/instellingen/sessies", "sign-out-elsewhere" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task PostWithoutAntiforgeryTokenGetsTheDutchFormExpiredPageAndChangesNothing(string path, string handler)
    {
        var user = await LogInAsync();
        await LogInAgainElsewhereAsync(user);
        var before = await StateAsync(user.Account.Id);

        var response = await user.Client.PostFormAsync(path, handler, new Dictionary<string, string> { ["Model.Code"] = "123456" }, withToken: false);

        Assert.Contains(Dutch.BadRequestTitle, await AssertDutchPageAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

    /// <summary>
    /// A forged form name. Blazor refuses it with a 400; the portal turns that into its Dutch 400 page, and nothing
    /// runs and nothing changes.
    /// </summary>
    [Theory]
    [InlineData("/instellingen/wachtwoord")]
    [InlineData("/instellingen/authenticator")]
    [InlineData("/instellingen/sessies")]
    public async Task PostForAFormThePageDoesNotHaveIsRefusedAndChangesNothing(string path)
    {
        var user = await LogInAsync();
        await LogInAgainElsewhereAsync(user);
        var before = await StateAsync(user.Account.Id);

        var response = await user.Client.PostFormAsync(path, "no-such-form", new Dictionary<string, string>());

        Assert.Contains(Dutch.BadRequestTitle, await AssertDutchPageAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task PostWithoutSessionLeadsToTheLoginAndChangesNothing(string path, string handler)
    {
        var user = await LogInAsync();
        await LogInAgainElsewhereAsync(user);
        var page = await user.Client.GetAsync(path);
        await user.Client.Http.PostAsync("/uitloggen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormClient.AntiforgeryToken(page),
        }));
        var before = await StateAsync(user.Account.Id);

        // The form as it was on the page before the logout, token and all.
        var response = await user.Client.Http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = handler,
            ["__RequestVerificationToken"] = FormClient.AntiforgeryToken(page),
        }));

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

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

    /// <summary>A second session of the account, so "sign out everywhere else" would have something to end.</summary>
    private async Task LogInAgainElsewhereAsync(LoggedIn user)
    {
        var other = FormClient.For(factory);
        await other.PostPasswordAsync(user.Account.PortalSlug, user.Account.Email, user.Account.Password);
        Assert.Equal("/mijn-overzicht", (await other.PostCodeAsync(await user.App.NextCodeAsync())).Target().AbsolutePath);
    }
}
