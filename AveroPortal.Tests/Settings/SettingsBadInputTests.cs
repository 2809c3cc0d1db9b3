using System.Net;
using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Tests.Settings;

/// <summary>
/// The settings forms over HTTP with broken or hostile input, stale forms and forged posts: every answer is a Dutch
/// page (never a 500), and nothing about the account changes: not the password, not the authenticator, not the
/// lockout counter, not the sessions, and no code is used up.
/// </summary>
public sealed partial class SettingsBadInputTests(PortalFactory factory) : IClassFixture<PortalFactory>
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

    /// <summary>A second session of the account, so "sign out everywhere else" would have something to end.</summary>
    private async Task LogInAgainElsewhereAsync(LoggedIn user)
    {
        var other = FormClient.For(factory);
        await other.PostPasswordAsync(user.Account.PortalSlug, user.Account.Email, user.Account.Password);
        Assert.Equal("/mijn-overzicht", (await other.PostCodeAsync(await user.App.NextCodeAsync())).Target().AbsolutePath);
    }
}
