using AveroPortal.Core.PasswordReset;

namespace AveroPortal.Tests.PasswordReset;

public sealed class PasswordResetTokensTests
{
    [Fact]
    public void ATokenCarries256RandomBitsInBase64Url()
    {
        var token = PasswordResetTokens.NewToken();

        Assert.Equal(PasswordResetTokens.TokenLength, token.Length);
        Assert.True(PasswordResetTokens.LooksValid(token));
        var bytes = Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=");
        Assert.Equal(32, bytes.Length);
    }

    [Fact]
    public void TokensDoNotRepeatAndUseTheWholeAlphabet()
    {
        var tokens = Enumerable.Range(0, 2000).Select(_ => PasswordResetTokens.NewToken()).ToList();

        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        // 2000 tokens of 43 characters: every one of the 64 base64url characters shows up many times over.
        Assert.Equal(64, tokens.SelectMany(t => t[..42]).Distinct().Count());
    }

    [Fact]
    public void TheHashIsSha256HexAndNotTheToken()
    {
        var token = PasswordResetTokens.NewToken();

        var hash = PasswordResetTokens.Hash(token);

        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(token, hash, StringComparison.Ordinal);
        Assert.Equal(hash, PasswordResetTokens.Hash(token));
        Assert.NotEqual(hash, PasswordResetTokens.Hash(PasswordResetTokens.NewToken()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("kort")]
    [InlineData("<x-avero-probe>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void AMalformedTokenIsRefusedBeforeAnyLookUp(string? token) => Assert.False(PasswordResetTokens.LooksValid(token));

    [Fact]
    public void ALinkLivesThirtyMinutes() => Assert.Equal(TimeSpan.FromMinutes(30), PasswordResetTokens.Lifetime);
}
