using System.Net;

namespace AveroPortal.Tests.Settings;

// The password form with malformed, missing or wrong fields.
public sealed partial class SettingsBadInputTests
{
    public static TheoryData<string, string, string> BadPasswordFields => new()
    {
        { "Model.CurrentPassword", "", "Vul uw huidige wachtwoord in." },
        { "Model.CurrentPassword", TenKilobytes, "Dit wachtwoord is te lang (maximaal 128 tekens)." },
        { "Model.CurrentPassword", "Zonnige\tdinsdag", Dutch.ControlCharacters },
        { "Model.Code", "", Dutch.CodeMissing },
        { "Model.Code", TenKilobytes, Dutch.CodeInvalidFormat },
        { "Model.Code", "12345a", Dutch.CodeInvalidFormat },
        { "Model.Code", "\u001b[31m", Dutch.CodeInvalidFormat },
        { "Model.Code", "' OR 1=1 --", Dutch.CodeInvalidFormat },
        { "Model.NewPassword", "", "Vul een nieuw wachtwoord in." },
        { "Model.NewPassword", TenKilobytes, "Dit wachtwoord is te lang (maximaal 128 tekens)." },
        { "Model.NewPassword", "Nieuw\u2028wachtwoord", Dutch.ControlCharacters },
        { "Model.Repeat", "", "Vul het nieuwe wachtwoord nog een keer in." },
        { "Model.Repeat", "\u001b[31mNieuw wachtwoord", Dutch.ControlCharacters },
    };

    [Theory]
    [MemberData(nameof(BadPasswordFields))]
    public async Task MalformedPasswordFormFieldIsRefusedInDutchAndChangesNothing(string field, string value, string message)
    {
        var user = await LogInAsync();
        var before = await StateAsync(user.Account.Id);
        var fields = PasswordFields(user.Account);
        fields[field] = value;

        var response = await user.Client.PostFormAsync("/instellingen/wachtwoord", "change-password", fields);

        var page = await AssertDutchPageAsync(response);
        Assert.Contains(FixFields, page, StringComparison.Ordinal);
        Assert.Contains(message, page, StringComparison.Ordinal);
        Assert.DoesNotContain(user.Account.Password, page, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

    [Theory]
    [InlineData("Model.CurrentPassword", "Vul uw huidige wachtwoord in.")]
    [InlineData("Model.Code", Dutch.CodeMissing)]
    [InlineData("Model.NewPassword", "Vul een nieuw wachtwoord in.")]
    [InlineData("Model.Repeat", "Vul het nieuwe wachtwoord nog een keer in.")]
    public async Task OmittedPasswordFormFieldIsRefusedInDutchAndChangesNothing(string field, string message)
    {
        var user = await LogInAsync();
        var before = await StateAsync(user.Account.Id);
        var fields = PasswordFields(user.Account);
        fields.Remove(field);

        var response = await user.Client.PostFormAsync("/instellingen/wachtwoord", "change-password", fields);

        Assert.Contains(message, await AssertDutchPageAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

    [Theory]
    [InlineData("kort", "Kies een wachtwoord van minimaal 8 tekens.")]
    [InlineData("password123", "Dit wachtwoord wordt veel gebruikt")]
    public async Task NewPasswordAgainstTheRulesGetsTheAccountCreationMessageAndChangesNothing(string newPassword, string message)
    {
        var user = await LogInAsync();
        var before = await StateAsync(user.Account.Id);
        var fields = PasswordFields(user.Account);
        fields["Model.NewPassword"] = fields["Model.Repeat"] = newPassword;

        var response = await user.Client.PostFormAsync("/instellingen/wachtwoord", "change-password", fields);

        Assert.Contains(message, await AssertDutchPageAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

    [Fact]
    public async Task NulCharacterIsRefusedBeforeTheFormIsReadAndChangesNothing()
    {
        var user = await LogInAsync();
        var before = await StateAsync(user.Account.Id);
        var fields = PasswordFields(user.Account);
        fields["Model.NewPassword"] = fields["Model.Repeat"] = "Nieuw\u0000wachtwoord";

        var response = await user.Client.PostFormAsync("/instellingen/wachtwoord", "change-password", fields);

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(Dutch.ServerErrorTitle, await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(user.Account.Id));
    }

    [Fact]
    public async Task WrongCurrentPasswordIsRefusedInDutchAndCountsAsAFailedAttempt()
    {
        var user = await LogInAsync();
        var before = await StateAsync(user.Account.Id);
        var fields = PasswordFields(user.Account);
        fields["Model.CurrentPassword"] = "Verkeerd-wachtwoord-1";
        fields["Model.Code"] = await user.App.NextCodeAsync();

        var response = await user.Client.PostFormAsync("/instellingen/wachtwoord", "change-password", fields);

        Assert.Contains("Uw huidige wachtwoord klopt niet. Er is niets gewijzigd.", await AssertDutchPageAsync(response), StringComparison.Ordinal);
        var after = await StateAsync(user.Account.Id);
        Assert.Equal(before with { FailedCount = 1, LoginEvents = before.LoginEvents + 1 }, after);
    }
}
