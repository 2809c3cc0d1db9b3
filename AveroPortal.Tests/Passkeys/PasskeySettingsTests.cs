using AveroPortal.Core.Freeze;
using AveroPortal.Core.Passkeys;
using Dapper;
using static AveroPortal.Tests.Passkeys.PasskeyTestBed;

namespace AveroPortal.Tests.Passkeys;

/// <summary>The customer's own passkeys: rename and remove, each a security mail with its "Dit was ik niet" link and a login event.</summary>
public sealed class PasskeySettingsTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RenamingIsASecurityMailWithAFreezeLink()
    {
        var (account, _, id) = await RegisteredAsync(_db, "hernoem@example.com");

        Assert.Equal(PasskeyChangeOutcome.Done, await _db.PasskeySettings.RenameAsync(account, id, "Werklaptop", Client));

        var mail = _db.Mail.Sent[^1];
        Assert.Equal("Een passkey heeft een nieuwe naam", mail.Subject);
        Assert.Contains("Werklaptop", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://portaal.example/", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal([FreezeReasons.PasskeyAdded, FreezeReasons.PasskeyRenamed], await FreezeReasonsAsync(account.Id));
        Assert.Equal(PasskeyEvents.Renamed, await LastOutcomeAsync(account.Id));
    }

    [Fact]
    public async Task RemovingIsASecurityMailAndThePasskeyStopsWorking()
    {
        var (account, key, id) = await RegisteredAsync(_db, "verwijder@example.com");

        Assert.Equal(PasskeyChangeOutcome.Done, await _db.PasskeySettings.RemoveAsync(account, id, Client));

        var mail = _db.Mail.Sent[^1];
        Assert.Equal("Er is een passkey verwijderd", mail.Subject);
        Assert.Contains("Telefoon", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(FreezeReasons.PasskeyRemoved, await FreezeReasonsAsync(account.Id));
        Assert.Equal(PasskeyEvents.Removed, await LastOutcomeAsync(account.Id));
        Assert.Equal(PasskeyLoginOutcome.Refused, (await PasswordlessAsync(_db, key)).Outcome);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("Naam\nmet regel")]
    [InlineData("123456789012345678901234567890123456789012345678901")]
    public async Task ABadNameChangesNothing(string? name)
    {
        var (account, _, id) = await RegisteredAsync(_db, "slechte-naam@example.com");
        var mails = _db.Mail.Sent.Count;

        Assert.Equal(PasskeyChangeOutcome.BadInput, await _db.PasskeySettings.RenameAsync(account, id, name, Client));

        Assert.Equal("Telefoon", Assert.Single(await _db.PasskeySettings.ListAsync(account.Id)).Name);
        Assert.Equal(mails, _db.Mail.Sent.Count);
    }

    [Fact]
    public async Task FiftyCharactersIsTheLongestName()
    {
        var (account, _, id) = await RegisteredAsync(_db, "lange-naam@example.com");
        var name = new string('x', PasskeySettings.MaxNameLength);

        Assert.Equal(PasskeyChangeOutcome.Done, await _db.PasskeySettings.RenameAsync(account, id, name, Client));
        Assert.Equal(name, Assert.Single(await _db.PasskeySettings.ListAsync(account.Id)).Name);
    }

    private async Task<List<string>> FreezeReasonsAsync(long accountId)
    {
        await using var connection = await _db.Db.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT reason FROM freeze_tokens WHERE account_id = @A ORDER BY created_at, rowid", new { A = accountId })).AsList();
    }

    private async Task<string> LastOutcomeAsync(long accountId)
    {
        await using var connection = await _db.Db.OpenAsync();
        return await connection.QueryFirstAsync<string>("SELECT outcome FROM login_events WHERE account_id = @A ORDER BY id DESC LIMIT 1", new { A = accountId });
    }
}
