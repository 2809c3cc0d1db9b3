using System.Net;

namespace AveroPortal.Tests.Settings;

// Posts without an anti-forgery token, with a forged form name or without a session.
public sealed partial class SettingsBadInputTests
{
    public static TheoryData<string, string> Forms => new()
    {
        { "/instellingen/wachtwoord", "change-password" },
        { "/instellingen/authenticator", "replace-start" },
        { "/instellingen/authenticator", "replace-confirm" },
        { "/instellingen/sessies", "sign-out-elsewhere" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task PostWithoutAntiforgeryTokenGetsTheDutchFormExpiredPageAndChangesNothing(string path, string handler)
    {
        var user = await LogInAsync();
        await LogInAgainElsewhereAsync(user);
        var before = await StateAsync(user.Account.Id);

        var response = await user.Client.PostFormAsync(path, handler, new Dictionary<string, string> { ["Model.Code"] = "123456" }, withToken: false);

        Assert.Contains(Dutch.BadRequestTitle, await AssertDutchPageAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

    /// <summary>
    /// A forged form name. Blazor refuses it with a 400; the portal turns that into its Dutch 400 page, and nothing
    /// runs and nothing changes.
    /// </summary>
    [Theory]
    [InlineData("/instellingen/wachtwoord")]
    [InlineData("/instellingen/authenticator")]
    [InlineData("/instellingen/sessies")]
    public async Task PostForAFormThePageDoesNotHaveIsRefusedAndChangesNothing(string path)
    {
        var user = await LogInAsync();
        await LogInAgainElsewhereAsync(user);
        var before = await StateAsync(user.Account.Id);

        var response = await user.Client.PostFormAsync(path, "no-such-form", new Dictionary<string, string>());

        Assert.Contains(Dutch.BadRequestTitle, await AssertDutchPageAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task PostWithoutSessionLeadsToTheLoginAndChangesNothing(string path, string handler)
    {
        var user = await LogInAsync();
        await LogInAgainElsewhereAsync(user);
        var page = await user.Client.GetAsync(path);
        await user.Client.Http.PostAsync("/uitloggen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormClient.AntiforgeryToken(page),
        }));
        var before = await StateAsync(user.Account.Id);

        // The form as it was on the page before the logout, token and all.
        var response = await user.Client.Http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = handler,
            ["__RequestVerificationToken"] = FormClient.AntiforgeryToken(page),
        }));

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }
}
