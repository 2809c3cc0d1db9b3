using System.Net;
using System.Text.RegularExpressions;
using AveroPortal.Core.Email;
using AveroPortal.Core.Login;
using Dapper;

namespace AveroPortal.Tests.PasswordReset;

/// <summary>
/// "Wachtwoord vergeten?" through the real portal: the request answers alike for every address, the mail's link is
/// built from Avero:PublicBaseUrl, and the link's steps keep the second factor (see the partial files).
/// </summary>
public sealed partial class PasswordResetTests : IDisposable
{
    private const string PublicBase = "https://portaal.example/";
    private const string NewPassword = "Een nieuw wachtwoord voor de zomer";

    private readonly PortalFactory _factory = new() { Settings = new Dictionary<string, string> { ["Avero:PublicBaseUrl"] = PublicBase } };

    public void Dispose() => _factory.Dispose();

    private static Task<HttpResponseMessage> RequestAsync(FormClient client, string slug, string email) =>
        client.PostFormAsync($"/inloggen/{slug}/wachtwoord-vergeten", "forgotten-password", new Dictionary<string, string> { ["Model.Email"] = email });

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _factory.Get<Core.Data.Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    /// <summary>The mails to the address so far. The queue sends one mail after the other, so once a later mail is there, every earlier one is too.</summary>
    private async Task<List<OutboxMessage>> MailsToAsync(string email) =>
        (await _factory.Get<OutboxRepository>().LatestAsync(500)).Where(m => m.ToAddress == email).ToList();

    private async Task<OutboxMessage> WaitForMailAsync(string email, int count = 1)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await MailsToAsync(email) is { } mails && mails.Count >= count)
            {
                return mails[0];
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"No mail {count} to {email} arrived.");
    }

    private static string LinkIn(OutboxMessage mail) =>
        LinkPattern().Match(mail.TextBody) is { Success: true } match ? match.Value : throw new InvalidOperationException("No reset link in the mail.");

    /// <summary>Opens the mail's link as the browser would (the token moves into the cookie) and returns the reset page.</summary>
    private static async Task<string> OpenLinkAsync(FormClient client, string link)
    {
        var opened = await client.Http.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal("/wachtwoord-herstellen", opened.Target().AbsolutePath);
        Assert.Null(opened.Target().QueryValue("token"));
        return WebUtility.HtmlDecode(await client.GetAsync("/wachtwoord-herstellen"));
    }

    private async Task<string> RequestLinkAsync(TestAccount account)
    {
        var client = FormClient.For(_factory);
        var before = (await MailsToAsync(account.Email)).Count;
        Assert.Equal(HttpStatusCode.Redirect, (await RequestAsync(client, account.PortalSlug, account.Email)).StatusCode);
        return LinkIn(await WaitForMailAsync(account.Email, before + 1));
    }

    private static Task<HttpResponseMessage> PostResetCodeAsync(FormClient client, string code) =>
        client.PostFormAsync("/wachtwoord-herstellen", "reset-code", new Dictionary<string, string> { ["Model.Code"] = code });

    private static Task<HttpResponseMessage> PostNewPasswordAsync(FormClient client, string password) =>
        client.PostFormAsync("/wachtwoord-herstellen", "reset-password", new Dictionary<string, string> { ["Model.Password"] = password, ["Model.Repeat"] = password });

    [Fact]
    public async Task KnownAndUnknownAddressesGetTheSameAnswerAndTheSameDatabaseWork()
    {
        var account = await _factory.CreateAccountAsync();
        var known = FormClient.For(_factory);
        var unknown = FormClient.For(_factory);

        var rowsBefore = await CountAsync("SELECT COUNT(*) FROM password_resets");
        var knownAnswer = await RequestAsync(known, "particulier", account.Email);
        var afterKnown = await CountAsync("SELECT COUNT(*) FROM password_resets");
        var nobody = "niemand-" + Guid.NewGuid().ToString("N")[..8] + "@example.com";
        var unknownAnswer = await RequestAsync(unknown, "particulier", nobody);
        var afterUnknown = await CountAsync("SELECT COUNT(*) FROM password_resets");

        Assert.Equal(HttpStatusCode.Redirect, knownAnswer.StatusCode);
        Assert.Equal(knownAnswer.StatusCode, unknownAnswer.StatusCode);
        Assert.Equal(knownAnswer.Headers.Location, unknownAnswer.Headers.Location);
        Assert.Equal(CookieNames(knownAnswer), CookieNames(unknownAnswer));
        // The redirect's body repeats the form as typed: the address itself is the only difference allowed.
        Assert.Equal(StripTokens((await knownAnswer.Content.ReadAsStringAsync()).Replace(account.Email, "ADRES", StringComparison.Ordinal)),
            StripTokens((await unknownAnswer.Content.ReadAsStringAsync()).Replace(nobody, "ADRES", StringComparison.Ordinal)));
        var knownPage = await known.GetAsync(knownAnswer.Headers.Location!.OriginalString);
        Assert.Equal(StripTokens(knownPage), StripTokens(await unknown.GetAsync(unknownAnswer.Headers.Location!.OriginalString)));
        Assert.Contains("Als er bij dit e-mailadres een account hoort", WebUtility.HtmlDecode(knownPage), StringComparison.Ordinal);
        // One row each: the work does not tell them apart either.
        Assert.Equal(rowsBefore + 1, afterKnown);
        Assert.Equal(afterKnown + 1, afterUnknown);
        await WaitForMailAsync(account.Email);
        Assert.Single(await MailsToAsync(account.Email));
    }

    [Fact]
    public async Task DisabledStaffAndOtherPortalAccountsGetTheSameAnswerAndNoMail()
    {
        var disabled = await _factory.CreateAccountAsync();
        await _factory.Get<AccountRepository>().DisableAsync(disabled.Id);
        var staff = await _factory.CreateStaffAsync();
        var business = await _factory.CreateAccountAsync(Portals.Business);
        var sentinel = await _factory.CreateAccountAsync();
        var client = FormClient.For(_factory);

        foreach (var email in new[] { disabled.Email, staff.Email, business.Email })
        {
            var answer = await RequestAsync(client, "particulier", email);
            Assert.Equal("/wachtwoord-vergeten/verstuurd", answer.Target().AbsolutePath);
        }

        await RequestAsync(client, "particulier", sentinel.Email);
        await WaitForMailAsync(sentinel.Email);
        Assert.Empty(await MailsToAsync(disabled.Email));
        Assert.Empty(await MailsToAsync(staff.Email));
        Assert.Empty(await MailsToAsync(business.Email));
    }

    [Fact]
    public async Task AFourthRequestWithinTheHourGetsTheSameAnswerButNoMail()
    {
        var account = await _factory.CreateAccountAsync();
        var sentinel = await _factory.CreateAccountAsync();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            // A new client each time: the per-address limit holds whoever asks, in any spelling of the address.
            answers.Add(await RequestAsync(FormClient.For(_factory), "particulier", i % 2 == 0 ? account.Email : "  " + account.Email.ToUpperInvariant()));
        }

        await RequestAsync(FormClient.For(_factory), "particulier", sentinel.Email);
        await WaitForMailAsync(sentinel.Email);
        Assert.All(answers, a => Assert.Equal("/wachtwoord-vergeten/verstuurd", a.Target().AbsolutePath));
        Assert.Equal(Core.PasswordReset.ResetAddressLimit.MaxPerHour, (await MailsToAsync(account.Email)).Count);
    }

    [Fact]
    public async Task TheMailLinkUsesThePublicBaseUrlEvenWithAForgedHostHeader()
    {
        using var factory = new PortalFactory { Settings = new Dictionary<string, string> { ["Avero:PublicBaseUrl"] = PublicBase } };
        var baseUrl = factory.StartKestrel();
        var account = await factory.CreateAccountAsync();
        using var http = LoopbackClient.From(IPAddress.Loopback, baseUrl);
        http.DefaultRequestHeaders.Host = "evil.example";
        var client = new FormClient(http);

        var answer = await RequestAsync(client, "particulier", account.Email);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        OutboxMessage? mail = null;
        for (var i = 0; i < 300 && mail is null; i++)
        {
            mail = (await factory.Get<OutboxRepository>().LatestAsync()).FirstOrDefault(m => m.ToAddress == account.Email);
            await Task.Delay(mail is null ? 50 : 0);
        }

        Assert.NotNull(mail);
        Assert.StartsWith(PublicBase + "wachtwoord-herstellen/link?token=", LinkIn(mail), StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"" + PublicBase + "wachtwoord-herstellen/link?token=", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/inloggen/particulier/wachtwoord-vergeten")]
    [InlineData("/wachtwoord-vergeten/verstuurd")]
    [InlineData("/wachtwoord-herstellen/link?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("/wachtwoord-herstellen")]
    [InlineData("/wachtwoord-herstellen/klaar")]
    public async Task TheResetPagesSendNoReferrer(string path)
    {
        var response = await FormClient.For(_factory).Http.GetAsync(path);

        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task BothPasswordPagesOfferTheForgottenPasswordLinkButTheStaffLoginDoesNot()
    {
        var client = FormClient.For(_factory);

        Assert.Contains("href=\"/inloggen/particulier/wachtwoord-vergeten\"", await client.GetAsync("/inloggen/particulier"), StringComparison.Ordinal);
        Assert.Contains("href=\"/inloggen/zakelijk/wachtwoord-vergeten\"", await client.GetAsync("/inloggen/zakelijk"), StringComparison.Ordinal);
        Assert.DoesNotContain("wachtwoord-vergeten", await client.GetAsync("/support/inloggen"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadAddressGetsTheFieldMessageAndNothingIsStored()
    {
        var before = await CountAsync("SELECT COUNT(*) FROM password_reset_requests");

        var answer = await RequestAsync(FormClient.For(_factory), "zakelijk", "geen-adres");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("email-error", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync("SELECT COUNT(*) FROM password_reset_requests"));
    }

    private static string[] CookieNames(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split('=')[0]).Order().ToArray() : [];

    /// <summary>Data Protection payloads (anti-forgery tokens, Blazor's component descriptors) differ per browser by design; everything else must be the same.</summary>
    private static string StripTokens(string html) => TokenValue().Replace(html, "");

    [GeneratedRegex(@"https?://\S+/wachtwoord-herstellen/link\?token=[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("[A-Za-z0-9+/_-]{60,}={0,2}")]
    private static partial Regex TokenValue();
}
