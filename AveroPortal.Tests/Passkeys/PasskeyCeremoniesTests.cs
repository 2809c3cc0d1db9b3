using System.Text.Json.Nodes;
using AveroPortal.Core.Passkeys;
using Dapper;
using static AveroPortal.Tests.Passkeys.PasskeyTestBed;

namespace AveroPortal.Tests.Passkeys;

/// <summary>Registration through Fido2 with a software authenticator: what is accepted, what is refused, and that a refusal stores nothing.</summary>
public sealed class PasskeyCeremoniesTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ARegistrationIsStoredWithItsNameTransportsAndNoUserVerificationShortcut()
    {
        var (account, key, id) = await RegisteredAsync(_db, "registreer@example.com");

        var list = await _db.PasskeySettings.ListAsync(account.Id);
        var passkey = Assert.Single(list);
        Assert.Equal(id, passkey.Id);
        Assert.Equal("Telefoon", passkey.Name);
        Assert.Equal(_db.Clock.GetUtcNow(), passkey.CreatedAt);
        Assert.Null(passkey.LastUsedAt);
        Assert.False(passkey.CounterRegressed);
        await using var connection = await _db.Db.OpenAsync();
        var row = await connection.QuerySingleAsync<(string CredentialId, string Transports, string Aaguid)>(
            "SELECT credential_id, transports, aaguid FROM passkey_credentials WHERE id = @Id", new { Id = id });
        Assert.Equal(SoftwareAuthenticator.Base64Url(key.CredentialId), row.CredentialId);
        Assert.Equal("internal,hybrid", row.Transports);
        Assert.Equal(Guid.Empty.ToString(), row.Aaguid);
    }

    [Fact]
    public async Task TheOptionsRequireUserVerificationPreferADiscoverableCredentialAndExcludeTheAccountsPasskeys()
    {
        var (account, key, _) = await RegisteredAsync(_db, "opties@example.com");

        var begin = await _db.Passkeys.BeginRegistrationAsync(account, Browser);

        var options = JsonNode.Parse(begin.OptionsJson)!;
        Assert.Equal("required", (string?)options["authenticatorSelection"]!["userVerification"]);
        Assert.Equal("preferred", (string?)options["authenticatorSelection"]!["residentKey"]);
        Assert.Equal("none", (string?)options["attestation"]);
        Assert.Equal("localhost", (string?)options["rp"]!["id"]);
        Assert.Equal(SoftwareAuthenticator.Base64Url(key.CredentialId), (string?)options["excludeCredentials"]![0]!["id"]);
        Assert.Equal(SoftwareAuthenticator.Base64Url(key.UserHandle!), (string?)options["user"]!["id"]);
    }

    [Fact]
    public async Task ARegistrationFromAnotherOriginIsRefused()
    {
        var account = await AccountAsync(_db, "origin@example.com");
        using var key = new SoftwareAuthenticator { Origin = "https://phishing.example" };

        var result = await RegisterAsync(_db, account, key);

        Assert.Equal(PasskeyRegistrationOutcome.Refused, result.Outcome);
        Assert.Empty(await _db.PasskeySettings.ListAsync(account.Id));
    }

    [Fact]
    public async Task ARegistrationForAnotherRelyingPartyIsRefused()
    {
        var account = await AccountAsync(_db, "rpid@example.com");
        using var key = new SoftwareAuthenticator { RpId = "phishing.example" };

        var result = await RegisterAsync(_db, account, key);

        Assert.Equal(PasskeyRegistrationOutcome.Refused, result.Outcome);
        Assert.Empty(await _db.PasskeySettings.ListAsync(account.Id));
    }

    [Fact]
    public async Task ARegistrationWithoutUserVerificationIsRefused()
    {
        var account = await AccountAsync(_db, "zonder-uv@example.com");
        using var key = new SoftwareAuthenticator { UserVerified = false };

        var result = await RegisterAsync(_db, account, key);

        Assert.Equal(PasskeyRegistrationOutcome.Refused, result.Outcome);
        Assert.Empty(await _db.PasskeySettings.ListAsync(account.Id));
    }

    [Fact]
    public async Task AChallengeWorksOnceOnly()
    {
        var account = await AccountAsync(_db, "eenmalig@example.com");
        using var key = new SoftwareAuthenticator();
        using var second = new SoftwareAuthenticator();
        var begin = await _db.Passkeys.BeginRegistrationAsync(account, Browser);
        var first = await _db.Passkeys.CompleteRegistrationAsync(account, Browser, begin.ChallengeId, key.Register(begin.OptionsJson), "Een", Client);

        var again = await _db.Passkeys.CompleteRegistrationAsync(account, Browser, begin.ChallengeId, second.Register(begin.OptionsJson), "Twee", Client);

        Assert.Equal(PasskeyRegistrationOutcome.Added, first.Outcome);
        Assert.Equal(PasskeyRegistrationOutcome.Expired, again.Outcome);
        Assert.Single(await _db.PasskeySettings.ListAsync(account.Id));
    }

    [Fact]
    public async Task AChallengeExpiresAfterFiveMinutes()
    {
        var account = await AccountAsync(_db, "verlopen@example.com");
        using var key = new SoftwareAuthenticator();
        var begin = await _db.Passkeys.BeginRegistrationAsync(account, Browser);
        _db.Clock.Advance(PasskeyChallengeRepository.Lifetime);

        var result = await _db.Passkeys.CompleteRegistrationAsync(account, Browser, begin.ChallengeId, key.Register(begin.OptionsJson), "Laat", Client);

        Assert.Equal(PasskeyRegistrationOutcome.Expired, result.Outcome);
        Assert.Empty(await _db.PasskeySettings.ListAsync(account.Id));
    }

    [Fact]
    public async Task AChallengeIsBoundToTheBrowserAndTheAccount()
    {
        var account = await AccountAsync(_db, "gebonden@example.com");
        var other = await AccountAsync(_db, "ander@example.com");
        using var key = new SoftwareAuthenticator();
        var begin = await _db.Passkeys.BeginRegistrationAsync(account, Browser);
        var answer = key.Register(begin.OptionsJson);

        var otherBrowser = await _db.Passkeys.CompleteRegistrationAsync(account, "another-browser-key-0123456789", begin.ChallengeId, answer, "X", Client);
        var otherAccount = await _db.Passkeys.CompleteRegistrationAsync(other, Browser, begin.ChallengeId, answer, "X", Client);
        var right = await _db.Passkeys.CompleteRegistrationAsync(account, Browser, begin.ChallengeId, answer, "X", Client);

        Assert.Equal(PasskeyRegistrationOutcome.Expired, otherBrowser.Outcome);
        Assert.Equal(PasskeyRegistrationOutcome.Expired, otherAccount.Outcome);
        Assert.Equal(PasskeyRegistrationOutcome.Added, right.Outcome);
    }

    [Fact]
    public async Task TheSameCredentialCanNotBeRegisteredTwice()
    {
        var (account, key, _) = await RegisteredAsync(_db, "dubbel@example.com");
        var other = await AccountAsync(_db, "dubbel-ander@example.com");

        var again = await RegisterAsync(_db, account, key);
        var elsewhere = await RegisterAsync(_db, other, key);

        Assert.Equal(PasskeyRegistrationOutcome.AlreadyRegistered, again.Outcome);
        Assert.Equal(PasskeyRegistrationOutcome.AlreadyRegistered, elsewhere.Outcome);
        Assert.Empty(await _db.PasskeySettings.ListAsync(other.Id));
    }

    [Fact]
    public async Task AnAccountHasAtMostTenPasskeys()
    {
        var account = await AccountAsync(_db, "tien@example.com");
        for (var i = 0; i < PasskeyCeremonies.MaxPerAccount; i++)
        {
            using var key = new SoftwareAuthenticator();
            Assert.Equal(PasskeyRegistrationOutcome.Added, (await RegisterAsync(_db, account, key, $"Sleutel {i}")).Outcome);
        }

        using var eleventh = new SoftwareAuthenticator();
        var result = await RegisterAsync(_db, account, eleventh);

        Assert.Equal(PasskeyRegistrationOutcome.TooMany, result.Outcome);
        Assert.Equal(PasskeyCeremonies.MaxPerAccount, (await _db.PasskeySettings.ListAsync(account.Id)).Count);
    }

    [Theory]
    [InlineData(null, "Telefoon")]
    [InlineData("", "Telefoon")]
    [InlineData("{", "Telefoon")]
    [InlineData("{\"id\":\"x\"}", "Telefoon")]
    [InlineData("[1,2,3]", "Telefoon")]
    [InlineData("{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{\"attestationObject\":\"AAAA\",\"clientDataJSON\":\"AAAA\"}}", "Telefoon")]
    [InlineData("VALID", "")]
    [InlineData("VALID", "   ")]
    [InlineData("VALID", "Een naam die veel te lang is voor een passkey, meer dan vijftig tekens")]
    [InlineData("VALID", "Tele\u0000foon")]
    public async Task MalformedInputChangesNothingAndKeepsTheChallenge(string? response, string name)
    {
        var account = await AccountAsync(_db, "kapot@example.com");
        using var key = new SoftwareAuthenticator();
        var begin = await _db.Passkeys.BeginRegistrationAsync(account, Browser);
        var eventsBefore = await _db.CountLoginEventsAsync();

        var result = await _db.Passkeys.CompleteRegistrationAsync(account, Browser, begin.ChallengeId,
            response == "VALID" ? key.Register(begin.OptionsJson) : response, name, Client);

        Assert.Equal(PasskeyRegistrationOutcome.BadInput, result.Outcome);
        Assert.Empty(await _db.PasskeySettings.ListAsync(account.Id));
        Assert.Equal(eventsBefore, await _db.CountLoginEventsAsync());
        Assert.Empty(_db.Mail.Sent);
        var retry = await _db.Passkeys.CompleteRegistrationAsync(account, Browser, begin.ChallengeId, key.Register(begin.OptionsJson), "Telefoon", Client);
        Assert.Equal(PasskeyRegistrationOutcome.Added, retry.Outcome);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("kort")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    public async Task AnUnknownChallengeIdIsExpired(string? challengeId)
    {
        var account = await AccountAsync(_db, "onbekend@example.com");
        using var key = new SoftwareAuthenticator();
        var begin = await _db.Passkeys.BeginRegistrationAsync(account, Browser);

        var result = await _db.Passkeys.CompleteRegistrationAsync(account, Browser, challengeId, key.Register(begin.OptionsJson), "Telefoon", Client);

        Assert.Equal(PasskeyRegistrationOutcome.Expired, result.Outcome);
        Assert.Empty(await _db.PasskeySettings.ListAsync(account.Id));
    }

    [Fact]
    public async Task AnAddedPasskeyIsASecurityMailWithItsFreezeLink()
    {
        await RegisteredAsync(_db, "mail@example.com");

        var mail = Assert.Single(_db.Mail.Sent);
        Assert.Equal("mail@example.com", mail.To);
        Assert.Contains("Telefoon", mail.TextBody);
        Assert.Contains("https://portaal.example/", mail.TextBody);
    }
}
