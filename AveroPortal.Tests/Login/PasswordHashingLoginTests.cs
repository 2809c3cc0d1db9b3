using System.Net;
using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using Dapper;

namespace AveroPortal.Tests.Login;

/// <summary>Argon2id in the running portal: old hashes replaced at a real login, and the gate's "te druk" page on the forms that hash.</summary>
public sealed class PasswordHashingLoginTests
{
    private const string BusyTitle = "Het is nu te druk";

    [Fact]
    public async Task AnOldPbkdf2HashIsReplacedByArgon2idAtTheNextLogin()
    {
        await using var factory = new PortalFactory();
        var account = await factory.CreateAccountAsync();
        await SetStoredHashAsync(factory, account.Id, TestPasswords.Pbkdf2Hash(account.Password));

        var login = await FormClient.For(factory).LoginAsync(account);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.NotNull(login.SetsCookie(Responses.SessionCookie));
        var stored = (await factory.AccountAsync(account.Id)).PasswordHash;
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", stored, StringComparison.Ordinal);
        Assert.Equal(PasswordCheck.Success, await factory.Get<PasswordHashing>().VerifyAsync(stored, account.Password));
    }

    [Fact]
    public async Task AnArgon2idHashOfALowerCostIsReplacedAtTheNextLogin()
    {
        await using var factory = new PortalFactory { Settings = new Dictionary<string, string> { ["Avero:Security:PasswordHashing:Iterations"] = "3" } };
        var account = await factory.CreateAccountAsync();
        await SetStoredHashAsync(factory, account.Id, TestPasswords.RightHash);

        var password = await FormClient.For(factory).PostPasswordAsync(account.PortalSlug, account.Email, TestPasswords.Right);

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("$argon2id$v=19$m=19456,t=3,p=1$", (await factory.AccountAsync(account.Id)).PasswordHash, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WhenEveryHashingTurnIsTakenALoginGetsTheDutchBusyPageAndNothingIsCounted(bool knownAddress)
    {
        await using var factory = new PortalFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Avero:Security:PasswordHashing:MaxConcurrent"] = "1",
                ["Avero:Security:PasswordHashing:MaxWaitMilliseconds"] = "50",
            },
        };
        var account = await factory.CreateAccountAsync();
        var email = knownAddress ? account.Email : "onbekend-adres@example.com";
        var hashing = factory.Get<PasswordHashing>();
        var client = FormClient.For(factory);
        var events = await factory.LoginEventCountAsync();
        var unknownAttempts = await UnknownAddressRowsAsync(factory);

        HttpResponseMessage busy;
        using (await hashing.EnterAsync())
        {
            busy = await client.PostPasswordAsync(account.PortalSlug, email, "Een-fout-wachtwoord-1");
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), busy.Headers.RetryAfter?.Delta);
        var page = await busy.Content.ReadAsStringAsync();
        Assert.Contains(BusyTitle, page, StringComparison.Ordinal);
        Assert.Contains("geen poging meegeteld", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);
        Assert.Null(busy.SetsCookie(Responses.PendingCookie));
        Assert.Equal(1, hashing.BusyRefusals);
        Assert.Equal(events, await factory.LoginEventCountAsync());
        Assert.Equal(unknownAttempts, await UnknownAddressRowsAsync(factory));
        Assert.Equal(new LockoutState(0, null), (await factory.AccountAsync(account.Id)).Lockout);

        // The turn is back: the same login goes through.
        var right = await client.PostPasswordAsync(account.PortalSlug, account.Email, account.Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
    }

    [Fact]
    public async Task ThePasswordChangeFormAnswersWithTheBusyPageToo()
    {
        await using var factory = new PortalFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Avero:Security:PasswordHashing:MaxConcurrent"] = "1",
                ["Avero:Security:PasswordHashing:MaxWaitMilliseconds"] = "50",
            },
        };
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(account)).StatusCode);
        var hash = (await factory.AccountAsync(account.Id)).PasswordHash;

        HttpResponseMessage busy;
        using (await factory.Get<PasswordHashing>().EnterAsync())
        {
            busy = await client.PostFormAsync("/instellingen/wachtwoord", "change-password", new Dictionary<string, string>
            {
                ["Model.CurrentPassword"] = account.Password,
                ["Model.Code"] = account.Code(1),
                ["Model.NewPassword"] = "Fietsen langs de Zwette 1",
                ["Model.Repeat"] = "Fietsen langs de Zwette 1",
            });
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Contains(BusyTitle, await busy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await factory.AccountAsync(account.Id);
        Assert.Equal(hash, after.PasswordHash);
        Assert.Equal(new LockoutState(0, null), after.Lockout);
    }

    private static async Task SetStoredHashAsync(PortalFactory factory, long accountId, string hash)
    {
        const string sql = "UPDATE accounts SET password_hash = @Hash WHERE id = @Id";
        await using var connection = await factory.Get<Db>().OpenAsync();
        await connection.ExecuteAsync(sql, new { Id = accountId, Hash = hash });
    }

    private static async Task<string> UnknownAddressRowsAsync(PortalFactory factory)
    {
        const string sql = "SELECT COALESCE(group_concat(failed_count || ':' || COALESCE(lockout_end, ''), ','), '') FROM unknown_address_attempts";
        await using var connection = await factory.Get<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<string>(sql) ?? "";
    }
}
