using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Login;

public sealed class PasswordHashingTests
{
    private static readonly PasswordHashing Hashing = TestPasswords.Hashing;

    [Fact]
    public void HashVerifiesWithTheRightPassword()
    {
        Assert.Equal(PasswordCheck.Success, Hashing.Verify(TestPasswords.RightHash, TestPasswords.Right));
    }

    [Fact]
    public void WrongPasswordFails()
    {
        Assert.Equal(PasswordCheck.Failed, Hashing.Verify(TestPasswords.RightHash, TestPasswords.Wrong));
    }

    [Fact]
    public void HashWithFewerIterationsVerifiesAndAsksForARehash()
    {
        var old = TestPasswords.HashWithIterations(TestPasswords.Right, 100_000);

        Assert.Equal(PasswordCheck.SuccessRehashNeeded, Hashing.Verify(old, TestPasswords.Right));
        Assert.Equal(PasswordCheck.Failed, Hashing.Verify(old, TestPasswords.Wrong));
    }

    [Fact]
    public void FewerThanTheMinimumIterationsIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PasswordHashing(209_999));
    }

    [Fact]
    public void HashIsPbkdf2Sha512WithTheConfiguredIterations()
    {
        var bytes = Convert.FromBase64String(TestPasswords.RightHash);
        var (format, prf, iterations, saltLength) = TestPasswords.Header(TestPasswords.RightHash);

        Assert.Equal(0x01, format); // Identity v3
        Assert.Equal(2u, prf); // KeyDerivationPrf.HMACSHA512
        Assert.Equal(210_000u, iterations);
        Assert.Equal(16u, saltLength);
        Assert.Equal(13 + 16 + 32, bytes.Length);
        Assert.Equal(PasswordHashing.MinimumIterations, Hashing.Iterations);
    }

    [Fact]
    public void SamePasswordHashesDifferentlyEachTime()
    {
        Assert.NotEqual(TestPasswords.RightHash, Hashing.Hash(TestPasswords.Right));
    }
}
