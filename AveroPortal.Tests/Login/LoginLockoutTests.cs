using System.Net;
using System.Text.RegularExpressions;
using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Login;

public sealed class LoginLockoutTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string WrongPassword = "Regenachtige-maandag-7";

    private static async Task<string?> ErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return FormClient.ErrorText(await response.Content.ReadAsStringAsync());
    }

    private static void AssertLockMessage(string? error)
    {
        Assert.NotNull(error);
        Assert.StartsWith(Dutch.Locked, error);
        Assert.Contains(Dutch.Supportdesk, error);
    }

    [Fact]
    public async Task FifthWrongPasswordLocksTheAccountEvenForTheRightPassword()
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);
        var errors = new List<string?>();

        for (var i = 0; i < 6; i++)
        {
            errors.Add(await ErrorAsync(await client.PostPasswordAsync(account.PortalSlug, account.Email, WrongPassword)));
        }

        var right = await client.PostPasswordAsync(account.PortalSlug, account.Email, account.Password);

        Assert.All(errors.Take(4), e => Assert.Equal(Dutch.InvalidCredentials, e));
        AssertLockMessage(errors[4]);
        AssertLockMessage(errors[5]);
        AssertLockMessage(await ErrorAsync(right));
        Assert.Null(right.SetsCookie(Responses.PendingCookie));
        var stored = await factory.AccountAsync(account.Id);
        Assert.Equal(LockoutPolicy.MaxFailures, stored.FailedCount);
        Assert.True(stored.LockoutEnd > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task FiveWrongCodesAfterTheRightPasswordLockTheAccount()
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostPasswordAsync(account.PortalSlug, account.Email, account.Password)).StatusCode);
        var errors = new List<string?>();

        for (var i = 0; i < 5; i++)
        {
            errors.Add(await ErrorAsync(await client.PostCodeAsync(account.WrongCode())));
        }

        var rightCode = await client.PostCodeAsync(account.Code());
        var rightPassword = await FormClient.For(factory).PostPasswordAsync(account.PortalSlug, account.Email, account.Password);

        Assert.All(errors.Take(4), e => Assert.Equal(Dutch.CodeWrong, e));
        AssertLockMessage(errors[4]);
        AssertLockMessage(await ErrorAsync(rightCode));
        Assert.Null(rightCode.SetsCookie(Responses.SessionCookie));
        AssertLockMessage(await ErrorAsync(rightPassword));
        Assert.Empty(await factory.SessionsAsync(account.Id));
    }

    [Fact]
    public async Task TenParallelWrongPasswordsCountOnlyFiveAndLock()
    {
        var account = await factory.CreateAccountAsync();
        var clients = Enumerable.Range(0, 10).Select(_ => FormClient.For(factory)).ToList();

        var responses = await Task.WhenAll(clients.Select(c => c.PostPasswordAsync(account.PortalSlug, account.Email, WrongPassword)));

        var errors = await Task.WhenAll(responses.Select(ErrorAsync));
        var stored = await factory.AccountAsync(account.Id);
        Assert.Equal(LockoutPolicy.MaxFailures, stored.FailedCount);
        Assert.True(stored.LockoutEnd > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        // Only the first four guesses get the ordinary answer; the fifth sets the lock and the rest are not checked.
        Assert.Equal(LockoutPolicy.MaxFailures - 1, errors.Count(e => e == Dutch.InvalidCredentials));
        Assert.All(errors.Where(e => e != Dutch.InvalidCredentials), AssertLockMessage);
        AssertLockMessage(await ErrorAsync(await FormClient.For(factory).PostPasswordAsync(account.PortalSlug, account.Email, account.Password)));
    }

    [Fact]
    public async Task UnknownAddressLocksLikeAKnownOneSoLockoutRevealsNothing()
    {
        var account = await factory.CreateAccountAsync();
        var unknown = $"niemand-{Guid.NewGuid():N}@example.com";
        var client = FormClient.For(factory);
        var known = new List<string?>();
        var other = new List<string?>();

        // Taking turns, so both locks are set within the same moment and show the same time.
        for (var i = 0; i < 6; i++)
        {
            known.Add(await ErrorAsync(await client.PostPasswordAsync(account.PortalSlug, account.Email, WrongPassword)));
            other.Add(await ErrorAsync(await client.PostPasswordAsync(account.PortalSlug, unknown, WrongPassword)));
        }

        Assert.All(other.Take(4), e => Assert.Equal(Dutch.InvalidCredentials, e));
        Assert.All(other.Skip(4), AssertLockMessage);
        Assert.Equal(known.Select(WithoutTime), other.Select(WithoutTime));
    }

    /// <summary>The lock message names the time the lock ends; two locks set a moment apart may straddle a minute.</summary>
    private static string? WithoutTime(string? message) => message is null ? null : Regex.Replace(message, @"\d{1,2}[:.]\d{2}", "<tijd>");
}
