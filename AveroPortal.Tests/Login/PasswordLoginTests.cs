using AveroPortal.Core.Login;
using Dapper;
using OtpNet;

namespace AveroPortal.Tests.Login;

public sealed class PasswordLoginTests : IAsyncLifetime
{
    private const string Email = "jan.devries@example.com";
    private static readonly ClientInfo Client = ClientInfo.Of("192.0.2.1", "xunit");

    private TestDatabase _database = null!;
    private long _accountId;

    private PasswordLogin Login => _database.Login;

    private ManualClock Clock => _database.Clock;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _accountId = await _database.AddAccountAsync(Email);
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private Task<PasswordStepResult> PasswordAsync(string password, string email = Email, string portal = Portals.Private) =>
        Login.CheckPasswordAsync(portal, email, password, Client);

    private string CodeNow(byte[] secret) => TotpPolicy.ComputeCode(secret, Clock.GetUtcNow());

    /// <summary>A well-formed code that matches none of the steps the policy accepts right now.</summary>
    private string WrongCode(byte[] secret)
    {
        var valid = new[] { -1, 0, 1 }
            .Select(s => TotpPolicy.ComputeCode(secret, Clock.GetUtcNow().AddSeconds(s * TotpPolicy.StepSeconds)))
            .ToHashSet();
        return Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(c => !valid.Contains(c));
    }

    /// <summary>Enrolls through the policy and moves the clock to the next step, as a later login would be.</summary>
    private async Task<byte[]> EnrollAsync()
    {
        var enrollment = await Login.GetEnrollmentAsync(_accountId);
        var secret = Base32Encoding.ToBytes(enrollment!.Base32Secret);
        Assert.Equal(CodeStepOutcome.Accepted, (await Login.ConfirmEnrollmentAsync(_accountId, CodeNow(secret), Client)).Outcome);
        Clock.Advance(TimeSpan.FromSeconds(TotpPolicy.StepSeconds));
        return secret;
    }

    private async Task<LockoutState> LockoutAsync() => (await _database.Accounts.GetAsync(_accountId))!.Lockout;

    private async Task<List<string>> OutcomesAsync() =>
        (await _database.Events.LatestForAccountAsync(_accountId)).Select(e => e.Outcome).Reverse().ToList();

    [Fact]
    public async Task RightPasswordOfANewAccountAsksForEnrollment()
    {
        var result = await PasswordAsync(TestPasswords.Right);

        Assert.Equal(PasswordStepOutcome.Accepted, result.Outcome);
        Assert.Equal(_accountId, result.Account!.Id);
        Assert.True(result.NeedsEnrollment);
        Assert.Equal(new LockoutState(0, null), await LockoutAsync());
    }

    [Fact]
    public async Task UnknownEmailAndWrongPasswordGiveTheSameAnswer()
    {
        var unknown = await PasswordAsync(TestPasswords.Right, email: "onbekend@example.com");
        var wrong = await PasswordAsync(TestPasswords.Wrong);

        Assert.Equal(PasswordStepOutcome.InvalidCredentials, unknown.Outcome);
        Assert.Equal(unknown, wrong);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountEvenForTheRightPassword()
    {
        for (var i = 0; i < LockoutPolicy.MaxFailures - 1; i++)
        {
            Assert.Equal(PasswordStepOutcome.InvalidCredentials, (await PasswordAsync(TestPasswords.Wrong)).Outcome);
        }

        var fifth = await PasswordAsync(TestPasswords.Wrong);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var right = await PasswordAsync(TestPasswords.Right);

        var lockedUntil = ManualClock.DefaultStart.Add(LockoutPolicy.Duration);
        Assert.Equal(new PasswordStepResult(PasswordStepOutcome.LockedOut, LockedUntil: lockedUntil), fifth);
        Assert.Equal(new PasswordStepResult(PasswordStepOutcome.LockedOut, LockedUntil: lockedUntil), right);
    }

    [Fact]
    public async Task LockExpiresAfterFifteenMinutes()
    {
        for (var i = 0; i < LockoutPolicy.MaxFailures; i++)
        {
            await PasswordAsync(TestPasswords.Wrong);
        }

        Clock.Advance(LockoutPolicy.Duration);

        Assert.Equal(PasswordStepOutcome.Accepted, (await PasswordAsync(TestPasswords.Right)).Outcome);
    }

    [Fact]
    public async Task RightPasswordOnTheOtherPortalIsWrongPortal()
    {
        var result = await PasswordAsync(TestPasswords.Right, portal: Portals.Business);

        Assert.Equal(PasswordStepOutcome.WrongPortal, result.Outcome);
        Assert.Equal(new LockoutState(0, null), await LockoutAsync());
    }

    [Fact]
    public async Task WrongPasswordOnTheOtherPortalIsInvalidCredentials()
    {
        var result = await PasswordAsync(TestPasswords.Wrong, portal: Portals.Business);

        Assert.Equal(PasswordStepOutcome.InvalidCredentials, result.Outcome);
    }

    [Fact]
    public async Task EnrollmentShowsTheSameBase32KeyUntilConfirmed()
    {
        var first = await Login.GetEnrollmentAsync(_accountId);
        var second = await Login.GetEnrollmentAsync(_accountId);

        Assert.NotNull(first);
        Assert.Matches("^[A-Z2-7]{32}$", first.Base32Secret);
        Assert.Equal(TotpPolicy.SecretBytes, Base32Encoding.ToBytes(first.Base32Secret).Length);
        Assert.Contains($"secret={first.Base32Secret}", first.OtpAuthUri, StringComparison.Ordinal);
        Assert.Equal(Email, first.Email);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task EnrolledAccountGetsNoNewEnrollment()
    {
        await EnrollAsync();

        Assert.Null(await Login.GetEnrollmentAsync(_accountId));
        Assert.False((await PasswordAsync(TestPasswords.Right)).NeedsEnrollment);
    }

    [Fact]
    public async Task EnrollmentCodeCanNotBeReplayedButTheNextStepsCodeIsAccepted()
    {
        var enrollment = await Login.GetEnrollmentAsync(_accountId);
        var secret = Base32Encoding.ToBytes(enrollment!.Base32Secret);
        var code = CodeNow(secret);

        var confirmed = await Login.ConfirmEnrollmentAsync(_accountId, code, Client);
        var replayed = await Login.VerifyCodeAsync(_accountId, code, Client);
        Clock.Advance(TimeSpan.FromSeconds(TotpPolicy.StepSeconds));
        var next = await Login.VerifyCodeAsync(_accountId, CodeNow(secret), Client);

        Assert.Equal(CodeStepOutcome.Accepted, confirmed.Outcome);
        Assert.Equal(CodeStepOutcome.InvalidCode, replayed.Outcome);
        Assert.Equal(CodeStepOutcome.Accepted, next.Outcome);
        Assert.Equal(_accountId, next.Account!.Id);
        Assert.Equal(
            [LoginOutcomes.Enrolled, LoginOutcomes.ReplayedCode, LoginOutcomes.Success],
            await OutcomesAsync());
    }

    [Fact]
    public async Task ConfirmingAnEnrolledAccountAgainAsksToRestart()
    {
        var secret = await EnrollAsync();

        var result = await Login.ConfirmEnrollmentAsync(_accountId, CodeNow(secret), Client);

        Assert.Equal(CodeStepOutcome.Restart, result.Outcome);
    }

    [Fact]
    public async Task CodeFailuresCountTowardLockoutAndARightPasswordDoesNotClearThem()
    {
        var secret = await EnrollAsync();
        for (var i = 0; i < LockoutPolicy.MaxFailures - 1; i++)
        {
            Assert.Equal(CodeStepOutcome.InvalidCode, (await Login.VerifyCodeAsync(_accountId, WrongCode(secret), Client)).Outcome);
        }

        Assert.Equal(PasswordStepOutcome.Accepted, (await PasswordAsync(TestPasswords.Right)).Outcome);
        Assert.Equal(new LockoutState(4, null, Clock.GetUtcNow().ToUnixTimeSeconds()), await LockoutAsync());

        var fifth = await Login.VerifyCodeAsync(_accountId, WrongCode(secret), Client);
        Clock.Advance(TimeSpan.FromSeconds(TotpPolicy.StepSeconds));
        var right = await Login.VerifyCodeAsync(_accountId, CodeNow(secret), Client);

        Assert.Equal(CodeStepOutcome.LockedOut, fifth.Outcome);
        Assert.Equal(CodeStepOutcome.LockedOut, right.Outcome);
    }

    [Fact]
    public async Task RightCodeClearsEarlierFailures()
    {
        var secret = await EnrollAsync();
        await PasswordAsync(TestPasswords.Wrong);
        await Login.VerifyCodeAsync(_accountId, WrongCode(secret), Client);

        Assert.Equal(CodeStepOutcome.Accepted, (await Login.VerifyCodeAsync(_accountId, CodeNow(secret), Client)).Outcome);
        Assert.Equal(new LockoutState(0, null), await LockoutAsync());
    }

    public static TheoryData<string, string?, string?> BadPasswordStepInput => new()
    {
        { Portals.Private, null, TestPasswords.Right },
        { Portals.Private, "", TestPasswords.Right },
        { Portals.Private, Email, null },
        { Portals.Private, Email, "" },
        { Portals.Private, new string('a', 10_000) + "@example.com", TestPasswords.Right },
        { Portals.Private, Email, new string('a', 10_000) },
        { Portals.Private, "jan.devries\0@example.com", TestPasswords.Right },
        { Portals.Private, Email, "paarden\u0007eten graag wortels" },
        { Portals.Private, Email, "paarden eten\u2028graag wortels" },
        { Portals.Private, "' OR 1=1 --", TestPasswords.Right },
        { Portals.Private, "<script>alert(1)</script>", TestPasswords.Right },
        { "admin", Email, TestPasswords.Right },
    };

    [Theory]
    [MemberData(nameof(BadPasswordStepInput))]
    public async Task BadPasswordStepInputChangesNothing(string portal, string? email, string? password)
    {
        var result = await Login.CheckPasswordAsync(portal, email, password, Client);

        Assert.Equal(PasswordStepOutcome.BadInput, result.Outcome);
        Assert.Equal(0, await _database.CountLoginEventsAsync());
        Assert.Equal(new LockoutState(0, null), await LockoutAsync());
    }

    public static TheoryData<string?> BadCodes => new()
    {
        null,
        "",
        "   ",
        new string('1', 10_000),
        "12\u00003456",
        "' OR 1=1 --",
        "<script>",
        "12345",
        "1234567",
    };

    [Theory]
    [MemberData(nameof(BadCodes))]
    public async Task BadCodeInputChangesNothing(string? code)
    {
        await EnrollAsync();
        var events = await _database.CountLoginEventsAsync();

        var result = await Login.VerifyCodeAsync(_accountId, code, Client);

        Assert.Equal(CodeStepOutcome.BadInput, result.Outcome);
        Assert.Equal(events, await _database.CountLoginEventsAsync());
        Assert.Equal(new LockoutState(0, null), await LockoutAsync());
    }

    [Fact]
    public async Task AnOldPbkdf2HashIsReplacedByArgon2idAtTheNextLogin()
    {
        await SetStoredHashAsync(TestPasswords.Pbkdf2Hash(TestPasswords.Right));

        Assert.Equal(PasswordStepOutcome.Accepted, (await PasswordAsync(TestPasswords.Right)).Outcome);

        var stored = (await _database.Accounts.GetAsync(_accountId))!.PasswordHash;
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", stored, StringComparison.Ordinal);
        Assert.Equal(PasswordCheck.Success, TestPasswords.Verify(stored, TestPasswords.Right));
    }

    [Fact]
    public async Task AWrongPasswordLeavesAnOldHashAsItIs()
    {
        var old = TestPasswords.Pbkdf2Hash(TestPasswords.Right);
        await SetStoredHashAsync(old);

        Assert.Equal(PasswordStepOutcome.InvalidCredentials, (await PasswordAsync(TestPasswords.Wrong)).Outcome);

        Assert.Equal(old, (await _database.Accounts.GetAsync(_accountId))!.PasswordHash);
    }

    [Fact]
    public async Task AnUnknownAddressCostsOneArgon2idAtTheConfiguredCost()
    {
        using var hashing = TestPasswords.HashingWith(memoryKiB: 20 * 1024, iterations: 3);
        var db = _database;
        var login = new PasswordLogin(db.Accounts, db.UnknownAddresses, db.Authenticators, db.Events, db.Secrets, hashing, db.Totp, db.PendingLogins, db.FactorCheck, db.RecoveryCodes, db.Passkeys);
        var (runs, work) = (hashing.Argon2idRuns, hashing.Argon2idWork);

        var unknown = await login.CheckPasswordAsync(Portals.Private, "onbekend-adres@example.com", TestPasswords.Right, Client);

        Assert.Equal(PasswordStepOutcome.InvalidCredentials, unknown.Outcome);
        Assert.Equal(runs + 1, hashing.Argon2idRuns);
        Assert.Equal(work + 20 * 1024 * 3, hashing.Argon2idWork);
    }

    private async Task SetStoredHashAsync(string hash)
    {
        const string sql = "UPDATE accounts SET password_hash = @Hash WHERE id = @Id";
        await using var connection = await _database.Db.OpenAsync();
        await connection.ExecuteAsync(sql, new { Id = _accountId, Hash = hash });
    }
}
