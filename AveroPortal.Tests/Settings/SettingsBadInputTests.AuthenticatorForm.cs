namespace AveroPortal.Tests.Settings;

// The authenticator replacement form with bad codes and without a pending replacement.
public sealed partial class SettingsBadInputTests
{
    public static TheoryData<string> BadCodes => new() { "", TenKilobytes, "abcdef", "12\t3456", "<script>alert(1)</script>" };

    [Theory]
    [MemberData(nameof(BadCodes))]
    public async Task MalformedOldAppCodeIsRefusedInDutchAndStartsNothing(string code)
    {
        var user = await LogInAsync();
        var before = await StateAsync(user.Account.Id);

        var response = await user.Client.PostFormAsync("/instellingen/authenticator", "replace-start", new Dictionary<string, string> { ["Start.Code"] = code });

        var page = await AssertDutchPageAsync(response);
        Assert.Contains(FixFields, page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"qr-code\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

    [Theory]
    [InlineData("", "Vul een herstelcode in.")]
    [InlineData("<script>alert(1)</script>", "Een herstelcode bestaat uit 24 letters en cijfers.")]
    [InlineData("x\u001b[31m", "Een herstelcode bestaat uit 24 letters en cijfers.")]
    public async Task MalformedRecoveryCodeForTheReplacementIsRefusedInDutchAndStartsNothing(string code, string message)
    {
        var user = await LogInAsync();
        var before = await StateAsync(user.Account.Id);
        // The field's name as the page renders it: a post from the real form binds.
        Assert.Contains("name=\"Recovery.Code\"", await user.Client.GetAsync("/instellingen/authenticator"), StringComparison.Ordinal);

        var response = await user.Client.PostFormAsync("/instellingen/authenticator", "replace-start-recovery", new Dictionary<string, string> { ["Recovery.Code"] = code });

        var page = await AssertDutchPageAsync(response);
        Assert.Contains(message, page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"qr-code\"", page, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

    [Fact]
    public async Task ARecoveryCodeFromTheRealFormStartsTheReplacement()
    {
        var user = await LogInAsync();
        var codes = await factory.Get<Core.Recovery.RecoveryCodeSet>().IssueAsync(user.Account.Id);

        var response = await user.Client.PostFormAsync("/instellingen/authenticator", "replace-start-recovery", new Dictionary<string, string> { ["Recovery.Code"] = codes[0] });

        Assert.Contains("data-testid=\"qr-code\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(9, await factory.Get<Core.Recovery.RecoveryCodeSet>().CountUnusedAsync(user.Account.Id));
    }

    [Theory]
    [InlineData("123456")]
    [InlineData("")]
    [InlineData("x\u001b[31m")]
    public async Task ConfirmationWithoutAPendingReplacementSaysItExpiredAndChangesNothing(string code)
    {
        var user = await LogInAsync();
        var before = await StateAsync(user.Account.Id);

        var response = await user.Client.PostFormAsync("/instellingen/authenticator", "replace-confirm", new Dictionary<string, string> { ["Confirm.Code"] = code });

        Assert.Contains(Expired, await AssertDutchPageAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

    [Fact]
    public async Task ConfirmationFromAnotherSessionOfTheSameAccountChangesNothing()
    {
        var user = await LogInAsync();
        var started = await user.Client.PostFormAsync("/instellingen/authenticator", "replace-start",
            new Dictionary<string, string> { ["Start.Code"] = await user.App.NextCodeAsync() });
        Assert.Contains("data-testid=\"qr-code\"", await AssertDutchPageAsync(started), StringComparison.Ordinal);
        var second = FormClient.For(factory);
        await second.PostPasswordAsync(user.Account.PortalSlug, user.Account.Email, user.Account.Password);
        Assert.Equal("/mijn-overzicht", (await second.PostCodeAsync(await user.App.NextCodeAsync())).Target().AbsolutePath);
        var before = await StateAsync(user.Account.Id);

        var response = await second.PostFormAsync("/instellingen/authenticator", "replace-confirm", new Dictionary<string, string> { ["Confirm.Code"] = "123456" });

        Assert.Contains(Expired, await AssertDutchPageAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }
}
