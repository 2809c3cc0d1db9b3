using System.Net;
using System.Text.RegularExpressions;
using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Login;

public sealed partial class LoginMessageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string OtherPassword = "Regenachtige-maandag-7";

    private static string UnknownEmail() => $"niemand-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task UnknownEmailAndWrongPasswordGetTheSameAnswer()
    {
        var account = await factory.CreateAccountAsync();
        var unknownEmail = UnknownEmail();

        var unknown = await FormClient.For(factory).PostPasswordAsync("particulier", unknownEmail, account.Password);
        var wrong = await FormClient.For(factory).PostPasswordAsync("particulier", account.Email, OtherPassword);

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(unknown.StatusCode, wrong.StatusCode);
        var unknownHtml = await unknown.Content.ReadAsStringAsync();
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.Equal(Dutch.InvalidCredentials, FormClient.ErrorText(unknownHtml));
        Assert.Equal(Dutch.InvalidCredentials, FormClient.ErrorText(wrongHtml));
        // Not only the message: apart from the address typed and the encrypted tokens the pages are identical.
        Assert.Equal(Comparable(unknownHtml, unknownEmail), Comparable(wrongHtml, account.Email));
        Assert.Null(unknown.SetsCookie(Responses.PendingCookie));
        Assert.Null(wrong.SetsCookie(Responses.PendingCookie));
    }

    [Theory]
    [InlineData("wrong password")]
    [InlineData("unknown address")]
    [InlineData("malformed address")]
    public async Task PageNeverEchoesThePassword(string situation)
    {
        const string password = "Geheime-zin-van-Tessa-314";
        var account = await factory.CreateAccountAsync();
        var email = situation switch
        {
            "wrong password" => account.Email,
            "unknown address" => UnknownEmail(),
            _ => "geen-adres",
        };

        var response = await FormClient.For(factory).PostPasswordAsync("particulier", email, password);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(FormClient.ErrorText(html));
        Assert.Contains(email, html);
        Assert.DoesNotContain(password, html);
        Assert.DoesNotContain(password, await response.TextAsync());
    }

    [Fact]
    public async Task RightPasswordOfABusinessAccountOnThePrivatePortalPointsToTheBusinessPortal()
    {
        var account = await factory.CreateAccountAsync(Portals.Business);

        var response = await FormClient.For(factory).PostPasswordAsync("particulier", account.Email, account.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = FormClient.ErrorText(await response.Content.ReadAsStringAsync());
        Assert.NotNull(error);
        Assert.StartsWith(Dutch.WrongPortalBusiness, error);
        Assert.Contains("href=\"/inloggen/zakelijk\"", error);
        Assert.Null(response.SetsCookie(Responses.PendingCookie));
    }

    [Fact]
    public async Task WrongPasswordOfABusinessAccountOnThePrivatePortalRevealsNoPortal()
    {
        var account = await factory.CreateAccountAsync(Portals.Business);

        var response = await FormClient.For(factory).PostPasswordAsync("particulier", account.Email, OtherPassword);

        Assert.Equal(Dutch.InvalidCredentials, FormClient.ErrorText(await response.Content.ReadAsStringAsync()));
    }

    private static string Comparable(string html, string email) =>
        Encrypted().Replace(html, "{encrypted}").Replace(email, "{email}", StringComparison.Ordinal);

    /// <summary>The anti-forgery token and the persisted component state: encrypted, so different on every response.</summary>
    [GeneratedRegex("(?<=name=\"__RequestVerificationToken\" value=\")[^\"]+|(?<=<!--Blazor-Server-Component-State:)[^>]+(?=-->)")]
    private static partial Regex Encrypted();
}
