using System.Net;
using AveroPortal.Blazor.Features.Idin;
using AveroPortal.Core.Data;
using AveroPortal.Core.Email;
using AveroPortal.Core.Idin;
using AveroPortal.Core.Login;
using AveroPortal.Core.Rebinding;
using AveroPortal.Core.Recovery;
using AveroPortal.Core.Support;
using AveroPortal.Tests.Idin;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Tests.Rebinding;

/// <summary>
/// Re-binding a lost authenticator with iDIN over HTTP: the bank's answer (as the external cookie holds it) together
/// with the browser's password step. Only this account's customer re-binds; every other outcome changes nothing.
/// </summary>
public sealed class RebindEndpointTests : IAsyncLifetime
{
    private const string Refused = "/inloggen/authenticator-kwijt/geweigerd";
    private const string Cancelled = "/inloggen/authenticator-kwijt/afgebroken";

    private readonly RecordingEmailSender _mail = new();
    private readonly IdTokenTampering _backchannel = new(System.Security.Cryptography.RSA.Create(), "-");
    private OidcProviderPeer _peer = default!;
    private PortalFactory _portal = default!;
    private long _jan;
    private long _anna;

    public async Task InitializeAsync()
    {
        _peer = await IdinPeerPeople.StartPeerAsync(PortalFactory.FreePort());
        _portal = new PortalFactory
        {
            Settings = IdinPeerPeople.PortalSettings(_peer),
            ConfigureServices = services =>
            {
                services.AddSingleton<IEmailSender>(_mail);
                services.Configure<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>(
                    IdinSetup.BrokerScheme, options => options.BackchannelHttpHandler = _backchannel);
            },
        };
        (_jan, _anna) = await IdinPeerPeople.AddCustomersAsync(_portal);
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _peer.DisposeAsync();
        _backchannel.Dispose();
    }

    /// <summary>An enrolled account with recovery codes and an open session elsewhere, then a password step in this browser.</summary>
    private async Task<(TestAccount Account, FormClient Browser, string PendingCookie)> PasswordStepAsync(string portal = Portals.Private, long? customerId = null)
    {
        var account = await _portal.CreateAccountAsync(portal, customerId: portal == Portals.Private ? customerId ?? _jan : null);
        await _portal.Get<RecoveryCodeSet>().IssueAsync(account.Id);
        Assert.Equal("/mijn-overzicht", (await FormClient.For(_portal).LoginAsync(account)).Target().AbsolutePath);
        var browser = FormClient.For(_portal);
        var password = await browser.PostPasswordAsync(account.PortalSlug, account.Email, account.Password);
        Assert.Equal("/inloggen/code", password.Target().AbsolutePath);
        var cookie = password.SetsCookie(Responses.PendingCookie)!;
        return (account, browser, $"{cookie.Name}={cookie.Value}");
    }

    private Task<string> BankAnswerAsync(string person) => IdinPeerPeople.BankAnswerCookieAsync(_portal, person, IdinSetup.RebindPurpose);

    private async Task<HttpResponseMessage> ContinueAsync(params string[] cookies)
    {
        using var client = _portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/idin/herkoppelen");
        request.Headers.Add("Cookie", string.Join("; ", cookies));
        return await client.SendAsync(request);
    }

    /// <summary>Everything a re-binding changes, as one comparable value.</summary>
    private async Task<string> StateAsync(long accountId)
    {
        await using var connection = await _portal.Get<Db>().OpenAsync();
        var parameters = new { AccountId = accountId };
        var binding = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT secret_protected || '|' || COALESCE(enrolled_at, -1) FROM authenticator_bindings WHERE account_id = @AccountId", parameters);
        var stamp = await connection.QuerySingleAsync<string>("SELECT security_stamp FROM accounts WHERE id = @AccountId", parameters);
        var sessions = await connection.QueryAsync<string>(
            "SELECT id || '|' || COALESCE(ended_at, -1) FROM sessions WHERE account_id = @AccountId ORDER BY id", parameters);
        var codes = await connection.QueryAsync<string>(
            "SELECT code_hash || '|' || COALESCE(used_at, -1) FROM recovery_codes WHERE account_id = @AccountId ORDER BY code_hash", parameters);
        // Open password steps only: forgetting an expired one is no change.
        var pending = await connection.QueryAsync<string>(
            "SELECT id_hash FROM pending_logins WHERE account_id = @AccountId AND expires_at > @Now ORDER BY id_hash",
            new { AccountId = accountId, Now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() });
        var audit = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM support_audit");
        var links = await connection.QueryAsync<string>("SELECT broker || '|' || bin || '|' || customer_id FROM idin_identities ORDER BY bin");
        return string.Join("\n", $"binding {binding}", $"stamp {stamp}", "sessions " + string.Join(",", sessions),
            "codes " + string.Join(",", codes), "pending " + string.Join(",", pending), $"audit {audit}", "links " + string.Join(",", links),
            $"mails {_mail.Sent.Count}");
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync() =>
        (await _portal.Get<SupportAuditRepository>().SearchAsync(new AuditFilter(), 0, 100)).Page;

    [Fact]
    public async Task AFullMatchOnTheAccountsCustomerRemovesTheOldFactorEndsEverySessionAndLeadsToANewQrCode()
    {
        var (account, _, pending) = await PasswordStepAsync();
        var stampBefore = (await _portal.AccountAsync(account.Id)).SecurityStamp;

        var response = await ContinueAsync(pending, await BankAnswerAsync("jan"));

        Assert.Equal("/inloggen/koppelen", response.Target().AbsolutePath);
        var newPending = response.SetsCookie(Responses.PendingCookie)!;
        Assert.Null(response.SetsCookie(Responses.SessionCookie));
        Assert.Null(await _portal.Get<AuthenticatorRepository>().GetAsync(account.Id));
        Assert.NotEqual(stampBefore, (await _portal.AccountAsync(account.Id)).SecurityStamp);
        Assert.All(await _portal.SessionsAsync(account.Id), s => Assert.NotNull(s.EndedAt));
        Assert.Equal(0, await _portal.Get<RecoveryCodeSet>().CountUnusedAsync(account.Id));
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal(SupportActionNames.RebindAuthenticator, entry.Action);
        Assert.Equal(account.Id, entry.AgentAccountId);
        Assert.Equal(account.Id, entry.TargetAccountId);
        Assert.StartsWith(AuthenticatorRebinding.AuditVerification, entry.Verification, StringComparison.Ordinal);
        Assert.DoesNotContain("Vries", entry.Verification + entry.Reason + entry.Outcome, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(_jan, (await _portal.Get<IdinRepository>().GetLinkedAsync("oidc-provider-test", "BIN-JAN-0001"))!.CustomerId);
        var mail = Assert.Single(_mail.Sent, m => m.To == account.Email);
        Assert.Contains("/dit-was-ik-niet?token=", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(AuthenticatorRebinding.Outcomes.Rebound, await _portal.LastOutcomeAsync(account.Id));

        // The fresh password step shows a new key at once.
        using var client = _portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var enroll = new HttpRequestMessage(HttpMethod.Get, "/inloggen/koppelen");
        enroll.Headers.Add("Cookie", $"{newPending.Name}={newPending.Value}");
        var page = await client.SendAsync(enroll);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"secret-key\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIdentityLinkedBeforeToTheAccountsCustomerReBindsEvenAfterTheBankAddressChanged()
    {
        await _portal.Get<IdinRepository>().LinkAsync("oidc-provider-test", "BIN-ANNA-0002", _anna);
        var (account, _, pending) = await PasswordStepAsync(customerId: _anna);

        var response = await ContinueAsync(pending, await BankAnswerAsync("anna"));

        Assert.Equal("/inloggen/koppelen", response.Target().AbsolutePath);
        Assert.Null(await _portal.Get<AuthenticatorRepository>().GetAsync(account.Id));
    }

    [Theory]
    [InlineData("another customer, full match", "anna-account", "jan", AuthenticatorRebinding.Outcomes.OtherCustomer)]
    [InlineData("a partial match", "anna-account", "anna", AuthenticatorRebinding.Outcomes.PartialMatch)]
    [InlineData("another customer's partial match", "jan-account", "anna", AuthenticatorRebinding.Outcomes.PartialMatch)]
    [InlineData("no match", "jan-account", "klaas", AuthenticatorRebinding.Outcomes.NoMatch)]
    public async Task ReBindingIsRefusedWithNothingChanged(string because, string accountOf, string person, string outcome)
    {
        var (account, _, pending) = await PasswordStepAsync(customerId: accountOf == "anna-account" ? _anna : _jan);
        var before = await StateAsync(account.Id);

        var response = await ContinueAsync(pending, await BankAnswerAsync(person));

        Assert.True(Refused == response.Target().AbsolutePath, because);
        Assert.Null(response.SetsCookie(Responses.SessionCookie));
        Assert.Null(response.SetsCookie(Responses.PendingCookie));
        Assert.Equal(before, await StateAsync(account.Id));
        Assert.Equal(outcome, await _portal.LastOutcomeAsync(account.Id));
    }

    [Fact]
    public async Task ReBindingIsRefusedForAnIdentityLinkedToAnotherCustomerWithNothingChanged()
    {
        await _portal.Get<IdinRepository>().LinkAsync("oidc-provider-test", "BIN-JAN-0001", _anna);
        var (account, _, pending) = await PasswordStepAsync(customerId: _jan);
        var before = await StateAsync(account.Id);

        var response = await ContinueAsync(pending, await BankAnswerAsync("jan"));

        Assert.Equal(Refused, response.Target().AbsolutePath);
        Assert.Equal(before, await StateAsync(account.Id));
        Assert.Equal(AuthenticatorRebinding.Outcomes.OtherCustomer, await _portal.LastOutcomeAsync(account.Id));
    }

    [Fact]
    public async Task TheRefusalPageSaysNothingChangedAndPointsToTheSupportdesk()
    {
        var page = await FormClient.For(_portal).Http.GetAsync(Refused);

        var text = await page.TextAsync();
        Assert.Contains("Er is niets veranderd", text, StringComparison.Ordinal);
        Assert.Contains("058 297 72 34", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingAtTheBankChangesNothingAndShowsTheCancelPage()
    {
        var (account, browser, _) = await PasswordStepAsync();
        var before = await StateAsync(account.Id);
        var start = await browser.GetAsync("/inloggen/authenticator-kwijt");
        Assert.Contains("name=\"purpose\" value=\"herkoppelen\"", start, StringComparison.Ordinal);
        var toBank = await browser.Http.PostAsync("/idin/start", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["bank"] = "INGBNL2A",
            ["purpose"] = IdinSetup.RebindPurpose,
            ["__RequestVerificationToken"] = FormClient.AntiforgeryToken(start),
        }));
        Assert.StartsWith(_peer.AuthorizationEndpoint, toBank.Target().ToString(), StringComparison.Ordinal);
        var state = System.Web.HttpUtility.ParseQueryString(_backchannel.Pushed.Last())["state"];

        var back = await browser.Http.GetAsync("/idin/callback?error=access_denied&state=" + Uri.EscapeDataString(state!));

        Assert.Equal(Cancelled, back.Target().AbsolutePath);
        Assert.Equal(before, await StateAsync(account.Id));
        var page = await (await browser.Http.GetAsync(Cancelled)).TextAsync();
        Assert.Contains("Er is niets veranderd", page, StringComparison.Ordinal);
        Assert.Contains("058 297 72 34", page, StringComparison.Ordinal);
        // The password step is still open: the customer can go back to the code step.
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/inloggen/code")).StatusCode);
    }

    [Fact]
    public async Task ABusinessAccountIsRefusedAtStartAndAfterTheBankWithNothingChanged()
    {
        var (account, browser, pending) = await PasswordStepAsync(Portals.Business);
        var before = await StateAsync(account.Id);

        var code = await browser.GetAsync("/inloggen/code");
        var explanation = await browser.GetAsync("/inloggen/authenticator-kwijt");
        var start = await browser.Http.PostAsync("/idin/start", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["bank"] = "INGBNL2A",
            ["purpose"] = IdinSetup.RebindPurpose,
            ["__RequestVerificationToken"] = FormClient.AntiforgeryToken(code),
        }));
        var after = await ContinueAsync(pending, await BankAnswerAsync("jan"));

        Assert.DoesNotContain("data-testid=\"rebind-link\"", code, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"rebind-not-allowed\"", explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"idin-bank-form\"", explanation, StringComparison.Ordinal);
        Assert.Equal("/inloggen/authenticator-kwijt", start.Target().AbsolutePath);
        Assert.Empty(_backchannel.Pushed);
        Assert.Equal("/inloggen/authenticator-kwijt", after.Target().AbsolutePath);
        Assert.Equal(before, await StateAsync(account.Id));
    }

    [Fact]
    public async Task ThePrivateCodeStepLinksToTheRebindingRoute()
    {
        var (_, browser, _) = await PasswordStepAsync();

        Assert.Contains("data-testid=\"rebind-link\"", await browser.GetAsync("/inloggen/code"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("absent")]
    [InlineData("ended")]
    [InlineData("expired")]
    public async Task WithoutAnOpenPasswordStepNothingChanges(string how)
    {
        var (account, _, pending) = await PasswordStepAsync();
        await using (var connection = await _portal.Get<Db>().OpenAsync())
        {
            await connection.ExecuteAsync(how switch
            {
                "ended" => "DELETE FROM pending_logins WHERE account_id = @Id",
                "expired" => "UPDATE pending_logins SET expires_at = 0 WHERE account_id = @Id",
                _ => "SELECT 1",
            }, new { account.Id });
        }

        var before = await StateAsync(account.Id);
        var response = how == "absent" ? await ContinueAsync(await BankAnswerAsync("jan")) : await ContinueAsync(pending, await BankAnswerAsync("jan"));

        Assert.Contains("verlopen=1", response.Target().Query, StringComparison.Ordinal);
        Assert.Null(response.SetsCookie(Responses.PendingCookie));
        Assert.Equal(before, await StateAsync(account.Id));
    }

    [Fact]
    public async Task ALoginAnswerWithoutTheRebindPurposeDoesNotReBind()
    {
        var (account, _, pending) = await PasswordStepAsync();
        var before = await StateAsync(account.Id);

        var response = await ContinueAsync(pending, await IdinPeerPeople.BankAnswerCookieAsync(_portal, "jan"));

        Assert.Equal(Cancelled, response.Target().AbsolutePath);
        Assert.Equal(before, await StateAsync(account.Id));
    }

    [Fact]
    public async Task TheBankAnswerIsSingleUseParallelCallbacksReBindAtMostOnce()
    {
        var (account, _, pending) = await PasswordStepAsync();
        var answer = await BankAnswerAsync("jan");

        var responses = await AllAtOnce.RunAsync(8, () => ContinueAsync(pending, answer));

        Assert.Single(responses, r => r.Target().AbsolutePath == "/inloggen/koppelen");
        Assert.Single(await AuditAsync(), e => e.Action == SupportActionNames.RebindAuthenticator);
        Assert.Single(_mail.Sent, m => m.To == account.Email);
        Assert.Equal(AuthenticatorRebinding.Outcomes.Rebound, await _portal.LastOutcomeAsync(account.Id));
    }

    [Fact]
    public async Task AReplayedBankAnswerAfterARebindingChangesNothingMore()
    {
        var (account, _, pending) = await PasswordStepAsync();
        var answer = await BankAnswerAsync("jan");
        Assert.Equal("/inloggen/koppelen", (await ContinueAsync(pending, answer)).Target().AbsolutePath);
        var before = await StateAsync(account.Id);

        var replayed = await ContinueAsync(pending, answer);

        Assert.Equal(Cancelled, replayed.Target().AbsolutePath);
        Assert.Equal(before, await StateAsync(account.Id));
    }
}
