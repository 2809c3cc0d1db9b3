using System.Net;
using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Login;

/// <summary>
/// Hostile or broken input in every login field. Input the portal can not use is refused with a Dutch message before
/// anything is stored; input that is odd but valid (a password may hold quotes, HTML or emoji) is checked like any
/// other and gets the ordinary answer. Nothing ends in a 500, a redirect or unescaped markup. A NUL character is
/// refused earlier still: ASP.NET Core's form reader will not parse it, so the request never reaches the login.
/// </summary>
public sealed class LoginBadInputTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Script = "<script>alert(1)</script>";

    private static readonly Dictionary<string, string> Inputs = new()
    {
        ["empty"] = "",
        ["10 kB"] = new string('x', 10 * 1024),
        ["NUL"] = "a\u0000b",
        ["tab"] = "a\tb",
        ["ANSI escape"] = "\u001b[31m",
        ["Unicode"] = "ƒøø@ëxample.com",
        ["emoji"] = "🔑🙈🎉",
        ["SQL OR"] = "' OR 1=1 --",
        ["SQL DROP"] = "\"; DROP TABLE accounts; --",
        ["HTML"] = Script,
    };

    public static TheoryData<string, string> MalformedEmails => new()
    {
        { "empty", Dutch.EmailMissing },
        { "10 kB", Dutch.EmailTooLong },
        { "tab", Dutch.ControlCharacters },
        { "ANSI escape", Dutch.ControlCharacters },
        { "emoji", Dutch.EmailInvalid },
        { "SQL OR", Dutch.EmailInvalid },
        { "SQL DROP", Dutch.EmailInvalid },
        { "HTML", Dutch.EmailInvalid },
    };

    public static TheoryData<string, string> MalformedPasswords => new()
    {
        { "empty", Dutch.PasswordMissing },
        { "10 kB", Dutch.PasswordTooLong },
        { "tab", Dutch.ControlCharacters },
        { "ANSI escape", Dutch.ControlCharacters },
    };

    public static TheoryData<string> UnusualPasswords => new() { "Unicode", "emoji", "SQL OR", "SQL DROP", "HTML" };

    /// <summary>Addresses of the right shape that hold odd characters; the address is shown again, so it must be escaped.</summary>
    public static TheoryData<string> UnusualEmails => new() { "ƒøø@ëxample.com", "x'OR'1'='1@example.com", Script + "@example.com" };

    public static TheoryData<string, string> MalformedCodes => new()
    {
        { "empty", Dutch.CodeMissing },
        { "10 kB", Dutch.CodeInvalidFormat },
        { "tab", Dutch.CodeInvalidFormat },
        { "ANSI escape", Dutch.CodeInvalidFormat },
        { "Unicode", Dutch.CodeInvalidFormat },
        { "emoji", Dutch.CodeInvalidFormat },
        { "SQL OR", Dutch.CodeInvalidFormat },
        { "SQL DROP", Dutch.CodeInvalidFormat },
        { "HTML", Dutch.CodeInvalidFormat },
    };

    [Theory]
    [MemberData(nameof(MalformedEmails))]
    public async Task MalformedEmailIsRefusedInDutchAndStoresNothing(string input, string fieldMessage)
    {
        var before = await CountsAsync();

        var response = await FormClient.For(factory).PostPasswordAsync("particulier", Inputs[input], TestAccount.DefaultPassword);

        await AssertRefusedAsync(response, Dutch.FixFields, fieldMessage);
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [MemberData(nameof(MalformedPasswords))]
    public async Task MalformedPasswordIsRefusedInDutchAndStoresNothing(string input, string fieldMessage)
    {
        var account = await factory.CreateAccountAsync();
        var before = await CountsAsync();

        var response = await FormClient.For(factory).PostPasswordAsync("particulier", account.Email, Inputs[input]);

        await AssertRefusedAsync(response, Dutch.FixFields, fieldMessage);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(0, (await factory.AccountAsync(account.Id)).FailedCount);
    }

    [Theory]
    [MemberData(nameof(UnusualPasswords))]
    public async Task UnusualPasswordIsCheckedAsAnOrdinaryWrongPassword(string input)
    {
        var account = await factory.CreateAccountAsync();
        var (events, accounts) = await CountsAsync();

        var response = await FormClient.For(factory).PostPasswordAsync("particulier", account.Email, Inputs[input]);

        await AssertRefusedAsync(response, Dutch.InvalidCredentials);
        Assert.DoesNotContain(Inputs[input], await response.TextAsync());
        Assert.Equal((events + 1, accounts), await CountsAsync());
        Assert.Equal(LoginOutcomes.WrongPassword, await factory.LastOutcomeAsync(account.Id));
        Assert.Equal(1, (await factory.AccountAsync(account.Id)).FailedCount);
    }

    [Theory]
    [MemberData(nameof(UnusualEmails))]
    public async Task UnusualButWellFormedEmailIsCheckedAsAnUnknownAddress(string email)
    {
        var (events, accounts) = await CountsAsync();

        var response = await FormClient.For(factory).PostPasswordAsync("particulier", email, TestAccount.DefaultPassword);

        await AssertRefusedAsync(response, Dutch.InvalidCredentials);
        Assert.Contains(email, await response.TextAsync());
        Assert.Equal((events + 1, accounts), await CountsAsync());
    }

    [Theory]
    [MemberData(nameof(MalformedCodes))]
    public async Task MalformedCodeIsRefusedInDutchAndStoresNothing(string input, string message)
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostPasswordAsync(account.PortalSlug, account.Email, account.Password)).StatusCode);
        var before = await CountsAsync();

        var response = await client.PostCodeAsync(Inputs[input]);

        await AssertRefusedAsync(response, message);
        Assert.Null(response.SetsCookie(Responses.SessionCookie));
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(0, (await factory.AccountAsync(account.Id)).FailedCount);
        Assert.Empty(await factory.SessionsAsync(account.Id));
    }

    [Theory]
    [InlineData("Model.Email")]
    [InlineData("Model.Password")]
    [InlineData("Model.Code")]
    public async Task NulCharacterIsRefusedBeforeTheLoginReadsTheForm(string field)
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);
        var (path, handler) = ("/inloggen/particulier", "password");
        var fields = new Dictionary<string, string> { ["Model.Email"] = account.Email, ["Model.Password"] = account.Password };
        if (field == "Model.Code")
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostPasswordAsync(account.PortalSlug, account.Email, account.Password)).StatusCode);
            (path, handler) = ("/inloggen/code", "code");
            fields = [];
        }

        fields[field] = Inputs["NUL"];
        var before = await CountsAsync();

        var response = await client.PostFormAsync(path, handler, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.SetsCookie(Responses.PendingCookie));
        Assert.Null(response.SetsCookie(Responses.SessionCookie));
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(0, (await factory.AccountAsync(account.Id)).FailedCount);
    }

    private async Task<(long Events, long Accounts)> CountsAsync() =>
        (await factory.LoginEventCountAsync(), await factory.AccountCountAsync());

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string error, string? fieldMessage = null)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(error, FormClient.ErrorText(html));
        if (fieldMessage is not null)
        {
            Assert.Contains(fieldMessage, WebUtility.HtmlDecode(html));
        }

        Assert.DoesNotContain(Script, html);
        Assert.Null(response.SetsCookie(Responses.PendingCookie));
    }
}
