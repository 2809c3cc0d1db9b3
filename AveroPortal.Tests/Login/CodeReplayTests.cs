using System.Net;
using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Login;

public sealed class CodeReplayTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static async Task<FormClient> PasswordDoneAsync(PortalFactory factory, TestAccount account)
    {
        var client = FormClient.For(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostPasswordAsync(account.PortalSlug, account.Email, account.Password)).StatusCode);
        return client;
    }

    [Fact]
    public async Task CodeAcceptedOnceIsRefusedWhenReplayedInASecondLogin()
    {
        var account = await factory.CreateAccountAsync();
        var first = await PasswordDoneAsync(factory, account);
        var code = account.Code();

        // The second password step comes after the first login: a newer password step ends an older pending login.
        var accepted = await first.PostCodeAsync(code);
        var second = await PasswordDoneAsync(factory, account);
        var replayed = await second.PostCodeAsync(code);

        Assert.Equal("/mijn-overzicht", accepted.Target().AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(Dutch.CodeWrong, FormClient.ErrorText(await replayed.Content.ReadAsStringAsync()));
        Assert.Null(replayed.SetsCookie(Responses.SessionCookie));
        Assert.Equal(LoginOutcomes.ReplayedCode, await factory.LastOutcomeAsync(account.Id));
        Assert.Single(await factory.SessionsAsync(account.Id));
    }

    [Fact]
    public async Task OlderCodeIsRefusedAfterANewerOneWasAccepted()
    {
        var account = await factory.CreateAccountAsync();
        var first = await PasswordDoneAsync(factory, account);

        var accepted = await first.PostCodeAsync(account.Code(1));
        var second = await PasswordDoneAsync(factory, account);
        var older = await second.PostCodeAsync(account.Code());

        Assert.Equal("/mijn-overzicht", accepted.Target().AbsolutePath);
        Assert.Equal(Dutch.CodeWrong, FormClient.ErrorText(await older.Content.ReadAsStringAsync()));
        Assert.Null(older.SetsCookie(Responses.SessionCookie));
    }
}
