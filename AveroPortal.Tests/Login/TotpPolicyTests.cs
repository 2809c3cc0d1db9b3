using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Login;

public sealed class TotpPolicyTests
{
    // RFC 6238 appendix B: SHA-1 key "12345678901234567890"; the 8-digit values 94287082 and 07081804 cut to 6 digits.
    private static readonly byte[] RfcSecret = "12345678901234567890"u8.ToArray();
    private const long RfcTime = 1111111109;
    private const string RfcCode = "081804";
    private static readonly long RfcStep = RfcTime / TotpPolicy.StepSeconds;

    private static TotpPolicy At(long unixSeconds) => new(new ManualClock(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Theory]
    [InlineData(59, "287082")]
    [InlineData(RfcTime, RfcCode)]
    public void ComputeCodeMatchesTheRfc6238TestVectors(long unixSeconds, string expected)
    {
        Assert.Equal(expected, TotpPolicy.ComputeCode(RfcSecret, DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
    }

    [Fact]
    public void CodeOfTheCurrentStepIsAcceptedAndReturnsThatStep()
    {
        Assert.Equal(1, At(59).Verify(RfcSecret, "287082"));
        Assert.Equal(RfcStep, At(RfcTime).Verify(RfcSecret, RfcCode));
    }

    [Fact]
    public void CodeOfThePreviousStepIsAccepted()
    {
        Assert.Equal(RfcStep, At(RfcTime + TotpPolicy.StepSeconds).Verify(RfcSecret, RfcCode));
    }

    [Fact]
    public void CodeOfTheNextStepIsAccepted()
    {
        Assert.Equal(RfcStep, At(RfcTime - TotpPolicy.StepSeconds).Verify(RfcSecret, RfcCode));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-2)]
    public void CodeTwoStepsAwayIsRefused(int steps)
    {
        Assert.Null(At(RfcTime + steps * TotpPolicy.StepSeconds).Verify(RfcSecret, RfcCode));
    }

    [Fact]
    public void WrongCodeIsRefused()
    {
        var totp = At(RfcTime);
        var valid = Enumerable.Range(-1, 3)
            .Select(s => TotpPolicy.ComputeCode(RfcSecret, DateTimeOffset.FromUnixTimeSeconds(RfcTime + s * TotpPolicy.StepSeconds)))
            .ToHashSet();
        var wrong = Enumerable.Range(0, 10).Select(i => $"{i}{i}{i}{i}{i}{i}").First(c => !valid.Contains(c));

        Assert.Null(totp.Verify(RfcSecret, wrong));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("08180")]
    [InlineData("0818040")]
    [InlineData("08180a")]
    [InlineData("O81804")]
    [InlineData("０８１８０４")]
    [InlineData("081804081804081804081804")]
    public void MalformedCodeIsRefused(string? code)
    {
        Assert.Null(At(RfcTime).Verify(RfcSecret, code));
    }

    [Fact]
    public void CodeWithASpaceInTheMiddleIsAccepted()
    {
        Assert.Equal(RfcStep, At(RfcTime).Verify(RfcSecret, "081 804"));
    }

    [Fact]
    public void NewSecretIsTwentyRandomBytes()
    {
        var first = TotpPolicy.NewSecret();
        var second = TotpPolicy.NewSecret();

        Assert.Equal(20, first.Length);
        Assert.Equal(20, second.Length);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void ToBase32EncodesTheSecretWithoutPadding()
    {
        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", TotpPolicy.ToBase32(RfcSecret));
    }

    [Fact]
    public void OtpAuthUriNamesTheIssuerTheEmailAndTheSecret()
    {
        var base32 = TotpPolicy.ToBase32(RfcSecret);

        var uri = TotpPolicy.OtpAuthUri(base32, "jan.devries@example.com");

        Assert.StartsWith("otpauth://totp/Av%C3%A9ro%20Achmea:jan.devries%40example.com?", uri, StringComparison.Ordinal);
        Assert.Contains($"secret={base32}&", uri, StringComparison.Ordinal);
        Assert.Contains("issuer=Av%C3%A9ro%20Achmea", uri, StringComparison.Ordinal);
        Assert.Contains("digits=6", uri, StringComparison.Ordinal);
        Assert.Contains("period=30", uri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ")]
    [InlineData("ABCDEF", "ABCD EF")]
    [InlineData("ABCD", "ABCD")]
    public void GroupedSplitsTheKeyInGroupsOfFour(string base32, string expected)
    {
        Assert.Equal(expected, TotpPolicy.Grouped(base32));
    }

    [Fact]
    public void WhenTwoStepsShareACodeTheLatestStepCounts()
    {
        // With the RFC 6238 secret, steps 910737 and 910738 both show 911617 (found by searching); one in about a
        // million adjacent steps do. The earlier step may be used already; the customer typed the code shown now.
        const long earlier = 910737;
        Assert.Equal(TotpPolicy.ComputeCode(RfcSecret, DateTimeOffset.FromUnixTimeSeconds(earlier * 30)),
            TotpPolicy.ComputeCode(RfcSecret, DateTimeOffset.FromUnixTimeSeconds((earlier + 1) * 30)));

        var step = At((earlier + 1) * 30).Verify(RfcSecret, "911617");

        Assert.Equal(earlier + 1, step);
    }
}
