using AveroPortal.Core.Freeze;
using Dapper;

namespace AveroPortal.Tests.Freeze;

public sealed class FreezeLinksTests : IDisposable
{
    private readonly TestDatabase _db = TestDatabase.CreateAsync().GetAwaiter().GetResult();

    private static string TokenOf(FreezeLink link) => new Uri(link.Url).QueryValue("token")!;

    [Fact]
    public async Task TheLinkIsOnTheConfiguredPublicAddressWithA256BitToken()
    {
        var accountId = await _db.AddAccountAsync("link@example.com");

        var link = await _db.FreezeLinks.CreateAsync(accountId, FreezeReasons.PasswordChanged);

        Assert.StartsWith("https://portaal.example/dit-was-ik-niet?token=", link.Url, StringComparison.Ordinal);
        var token = TokenOf(link);
        // 43 base64url characters are 258 bits of text for 256 random bits.
        Assert.Equal(43, token.Length);
        Assert.All(token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
        Assert.Equal(32, Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=").Length);
    }

    [Fact]
    public async Task EveryMailGetsAnotherToken()
    {
        var accountId = await _db.AddAccountAsync("twee@example.com");

        var tokens = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            tokens.Add(TokenOf(await _db.FreezeLinks.CreateAsync(accountId, FreezeReasons.PasswordChanged)));
        }

        Assert.Equal(20, tokens.Count);
    }

    [Fact]
    public async Task OnlyTheTokensHashIsStored()
    {
        var accountId = await _db.AddAccountAsync("hash@example.com");
        var token = TokenOf(await _db.FreezeLinks.CreateAsync(accountId, FreezeReasons.PasswordChanged));

        await using var connection = await _db.Db.OpenAsync();
        var stored = Assert.Single(await connection.QueryAsync<string>("SELECT token_hash FROM freeze_tokens WHERE account_id = @Id", new { Id = accountId }));
        Assert.NotEqual(token, stored);
        Assert.DoesNotContain(token, stored, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token))), stored);
    }

    [Fact]
    public async Task TheLinkWorksForSevenDaysAndNotASecondLonger()
    {
        var accountId = await _db.AddAccountAsync("zeven@example.com");
        var link = await _db.FreezeLinks.CreateAsync(accountId, FreezeReasons.PasswordChanged);
        Assert.Equal(_db.Clock.GetUtcNow().AddDays(7), link.ExpiresAt);

        _db.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.True(await _db.FreezeLinks.IsUsableAsync(TokenOf(link)));

        _db.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await _db.FreezeLinks.IsUsableAsync(TokenOf(link)));
        Assert.Equal(FreezeOutcome.LinkNotValid, await _db.Freeze.FreezeAsync(TokenOf(link), null));
        Assert.False((await _db.Accounts.GetAsync(accountId))!.IsFrozen);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("kort")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'; DROP TABLE accounts;--")]
    public async Task AnUnknownOrMalformedTokenIsNotUsable(string? token)
    {
        Assert.False(await _db.FreezeLinks.IsUsableAsync(token));
    }

    public void Dispose() => _db.Dispose();
}
