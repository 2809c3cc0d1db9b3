using System.Buffers.Binary;
using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Login;

public sealed class PasswordHashingTests
{
    private static readonly PasswordHashing Hashing = TestPasswords.Hashing;

    [Fact]
    public void HashIsAPhcStringOfArgon2idAtOwaspsMinimum()
    {
        var fields = TestPasswords.RightHash.Split('$');

        Assert.Equal(["", "argon2id", "v=19", "m=19456,t=2,p=1"], fields[..4]);
        Assert.Equal(6, fields.Length);
        Assert.Equal(22, fields[4].Length); // 16-byte salt, base64 without padding
        Assert.Equal(43, fields[5].Length); // 32-byte hash
        Assert.Equal(16, Convert.FromBase64String(fields[4] + "==").Length);
        Assert.Equal(32, Convert.FromBase64String(fields[5] + "=").Length);
        Assert.Equal(new PasswordHashingOptions(19 * 1024, 2, 2 * Environment.ProcessorCount, TimeSpan.FromSeconds(5)), Hashing.Options);
    }

    [Fact]
    public void HashVerifiesWithTheRightPassword()
    {
        Assert.Equal(PasswordCheck.Success, TestPasswords.Verify(TestPasswords.RightHash, TestPasswords.Right));
    }

    [Fact]
    public void WrongPasswordFails()
    {
        Assert.Equal(PasswordCheck.Failed, TestPasswords.Verify(TestPasswords.RightHash, TestPasswords.Wrong));
    }

    [Fact]
    public async Task SamePasswordHashesDifferentlyEachTime()
    {
        var again = await Hashing.HashAsync(TestPasswords.Right);

        Assert.NotEqual(TestPasswords.RightHash.Split('$')[4], again.Split('$')[4]);
        Assert.Equal(PasswordCheck.Success, TestPasswords.Verify(again, TestPasswords.Right));
    }

    [Fact]
    public async Task AHashOfTheReferenceImplementationVerifies()
    {
        // Written by the reference implementation's command-line tool (phc-winner-argon2, Debian's argon2 package):
        // echo -n password | argon2 somesaltsomesalt -id -t 2 -k 19456 -p 1 -l 32 -e. The format is the standard one.
        const string reference = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE";

        Assert.Equal(PasswordCheck.Success, await Hashing.VerifyAsync(reference, "password"));
        Assert.Equal(PasswordCheck.Failed, await Hashing.VerifyAsync(reference, "Password"));
    }

    public static TheoryData<string?> MalformedHashes()
    {
        var fields = TestPasswords.RightHash.Split('$');
        var (salt, hash) = (fields[4], fields[5]);
        string With(string parameters = "m=19456,t=2,p=1", string? s = null, string? h = null, string version = "v=19", string algorithm = "argon2id") =>
            $"${algorithm}${version}${parameters}${s ?? salt}${h ?? hash}";
        var flipped = Convert.FromBase64String(hash + "=");
        flipped[0] ^= 1;
        return new TheoryData<string?>
        {
            null, "", "geen hash", "$argon2id$", TestPasswords.RightHash + "$", TestPasswords.RightHash + " ", " " + TestPasswords.RightHash,
            With(algorithm: "argon2i"), With(algorithm: "argon2d"), With(algorithm: "ARGON2ID"), With(version: "v=16"), With(version: "v=019"),
            $"$argon2id$m=19456,t=2,p=1${salt}${hash}",
            With("m=019456,t=2,p=1"), With("m=19456,t=02,p=1"), With("m=+19456,t=2,p=1"), With("m=19456,t=2"), With("t=2,m=19456,p=1"),
            With("m=19456,t=2,p=2"), With("m=19456,t=2,p=1,keyid=x"), With("m=19456,t=0,p=1"), With("m=4,t=2,p=1"),
            With("m=99999999999,t=2,p=1"), With("m=2097152,t=2,p=1"), With("m=19456,t=4294967296,p=1"), With("m=19456,t=17,p=1"),
            With(s: salt + "=="), With(s: salt[..21]), With(s: salt + "A"), With(s: salt[..21] + "-"), With(h: hash + "="), With(h: hash[..42]),
            With(h: hash[..42] + (hash[42] == 'A' ? "B" : "A")), With(h: Convert.ToBase64String(flipped).TrimEnd('=')),
            TestPasswords.RightHash.Replace('$', '\0'),
        };
    }

    [Theory]
    [MemberData(nameof(MalformedHashes))]
    public async Task AMalformedOrTamperedStoredHashFailsClosed(string? stored)
    {
        Assert.Equal(PasswordCheck.Failed, await Hashing.VerifyAsync(stored!, TestPasswords.Right));
    }

    [Fact]
    public void AHashOfTheOldPbkdf2FormatVerifiesAndAsksForARehash()
    {
        var old = TestPasswords.Pbkdf2Hash(TestPasswords.Right);

        Assert.Equal(PasswordCheck.SuccessRehashNeeded, TestPasswords.Verify(old, TestPasswords.Right));
        Assert.Equal(PasswordCheck.Failed, TestPasswords.Verify(old, TestPasswords.Wrong));
        Assert.Equal(PasswordCheck.SuccessRehashNeeded, TestPasswords.Verify(TestPasswords.Pbkdf2Hash(TestPasswords.Right, 100_000), TestPasswords.Right));
    }

    [Fact]
    public void APbkdf2HashWithAnAbsurdIterationCountFailsClosedWithoutRunning()
    {
        var bytes = Convert.FromBase64String(TestPasswords.Pbkdf2Hash(TestPasswords.Right));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(5, 4), int.MaxValue);
        var before = Hashing.LegacyRuns;

        Assert.Equal(PasswordCheck.Failed, TestPasswords.Verify(Convert.ToBase64String(bytes), TestPasswords.Right));
        Assert.Equal(before, Hashing.LegacyRuns);
    }

    [Fact]
    public void AnIdentityV2HashIsNotAccepted()
    {
        // PBKDF2-HMAC-SHA1 at 1,000 rounds: Identity's hasher still reads it, but the portal never wrote one.
        var v2 = new Microsoft.AspNetCore.Identity.PasswordHasher<object>(Microsoft.Extensions.Options.Options.Create(
            new Microsoft.AspNetCore.Identity.PasswordHasherOptions { CompatibilityMode = Microsoft.AspNetCore.Identity.PasswordHasherCompatibilityMode.IdentityV2 }))
            .HashPassword(new object(), TestPasswords.Right);

        Assert.Equal(PasswordCheck.Failed, TestPasswords.Verify(v2, TestPasswords.Right));
    }

    [Fact]
    public async Task AnArgon2idHashOfALowerCostThanConfiguredAsksForARehash()
    {
        using var stronger = TestPasswords.HashingWith(memoryKiB: 24 * 1024, iterations: 3);
        var lessMemory = await TestPasswords.HashingWith(iterations: 3).HashAsync(TestPasswords.Right);

        Assert.Equal(PasswordCheck.SuccessRehashNeeded, await stronger.VerifyAsync(TestPasswords.RightHash, TestPasswords.Right));
        Assert.Equal(PasswordCheck.SuccessRehashNeeded, await stronger.VerifyAsync(lessMemory, TestPasswords.Right));
        Assert.Equal(PasswordCheck.Failed, await stronger.VerifyAsync(TestPasswords.RightHash, TestPasswords.Wrong));
        Assert.Equal(PasswordCheck.Success, await stronger.VerifyAsync(await stronger.HashAsync(TestPasswords.Right), TestPasswords.Right));
        // A stored hash stronger than configured (the operator lowered the cost) is kept.
        Assert.Equal(PasswordCheck.Success, await Hashing.VerifyAsync(lessMemory, TestPasswords.Right));
    }

    [Fact]
    public async Task TheDummyCheckRunsArgon2idAtTheConfiguredCost()
    {
        using var hashing = TestPasswords.HashingWith(memoryKiB: 20 * 1024, iterations: 3);
        var (runs, work) = (hashing.Argon2idRuns, hashing.Argon2idWork);

        using (var slot = await hashing.EnterAsync())
        {
            slot.VerifyAgainstDummy(TestPasswords.Right);
        }

        Assert.Equal(runs + 1, hashing.Argon2idRuns);
        Assert.Equal(work + 20 * 1024 * 3, hashing.Argon2idWork);
        Assert.StartsWith("$argon2id$v=19$m=20480,t=3,p=1$", hashing.DummyHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithEveryTurnTakenACallerIsTurnedAwayAfterTheWait()
    {
        using var hashing = TestPasswords.HashingWith(maxConcurrent: 1, maxWaitMilliseconds: 20);
        var held = await hashing.EnterAsync();

        await Assert.ThrowsAsync<PasswordHashingBusyException>(() => hashing.HashAsync(TestPasswords.Right));
        Assert.Equal(1, hashing.BusyRefusals);
        Assert.Equal(0, hashing.FreeTurns);

        held.Dispose();
        held.Dispose(); // a turn is given back once
        Assert.Equal(1, hashing.FreeTurns);
        Assert.Equal(PasswordCheck.Success, await hashing.VerifyAsync(await hashing.HashAsync(TestPasswords.Right), TestPasswords.Right));
    }

    [Fact]
    public async Task AWaitingCallerGetsTheTurnThatIsGivenBack()
    {
        using var hashing = TestPasswords.HashingWith(maxConcurrent: 1, maxWaitMilliseconds: 30_000);
        var held = await hashing.EnterAsync();

        var waiting = hashing.HashAsync(TestPasswords.Right);
        Assert.False(waiting.IsCompleted);
        held.Dispose();

        Assert.StartsWith("$argon2id$", await waiting, StringComparison.Ordinal);
        Assert.Equal(0, hashing.BusyRefusals);
    }

    [Fact]
    public async Task AGivenBackTurnHashesNoMore()
    {
        var slot = await Hashing.EnterAsync();
        slot.Dispose();

        Assert.Throws<ObjectDisposedException>(() => slot.Hash(TestPasswords.Right));
    }

    [Theory]
    [InlineData(19 * 1024 - 1, 2)]
    [InlineData(19 * 1024, 1)]
    [InlineData(7 * 1024, 5)] // Keycloak's default: an OWASP trade-off, but less memory than the portal allows
    public void LessThanOwaspsMinimumIsRefused(int memoryKiB, int iterations)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TestPasswords.HashingWith(memoryKiB, iterations));
    }
}
