using System.Reflection;
using BlazorTexts = AveroPortal.Blazor.Texts;
using AveroPortal.Blazor.Features.Support;
using AveroPortal.Blazor.Formatting;
using AveroPortal.Core.EHerkenning.ServiceProvider;
using AveroPortal.Core.Freeze;
using AveroPortal.Core.Idin;
using AveroPortal.Core.Login;
using AveroPortal.Core.PasswordReset;
using AveroPortal.Core.Recovery;
using AveroPortal.Core.Settings;
using AveroPortal.Core.Support;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace AveroPortal.Tests.Formatting;

/// <summary>
/// Every stored code has words in Dutch and in English, found by reflection over the constants in Core, so a new
/// constant without its two texts (tools/texts_labels.py) fails here; and the support desk shows those words.
/// </summary>
public sealed class EventLabelsTests : BunitTest
{
    private static readonly Type[] EventClasses =
    [
        typeof(LoginMethods), typeof(LoginOutcomes), typeof(IdinLogin.Outcomes), typeof(EHerkenningLogin.Outcomes),
        typeof(PasswordResetEvents), typeof(SettingsEvents), typeof(RecoveryCodeRegeneration), typeof(Core.Rebinding.AuthenticatorRebinding.Outcomes),
        typeof(Core.Passkeys.PasskeyEvents),
    ];

    public static TheoryData<string, string> Languages => new() { { "nl-NL", "nl" }, { "en", "en" } };

    /// <summary>Methods: the login methods and every constant named "...Method"; the other constants are outcomes.</summary>
    private static IEnumerable<(string Kind, string Code)> StoredCodes()
    {
        foreach (var type in EventClasses)
        {
            foreach (var (name, code) in Constants(type))
            {
                yield return (type == typeof(LoginMethods) || name.EndsWith("Method", StringComparison.Ordinal) ? "method" : "outcome", code);
            }
        }

        foreach (var (_, code) in Constants(typeof(SupportActionNames)))
        {
            yield return ("action", code);
        }

        foreach (var (_, code) in Constants(typeof(FreezeReasons)))
        {
            yield return ("freeze", code);
        }
    }

    private static IEnumerable<(string Name, string Value)> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true, IsInitOnly: false } && f.FieldType == typeof(string))
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!));

    private IStringLocalizer<BlazorTexts> Texts => Services.GetRequiredService<IStringLocalizer<BlazorTexts>>();

    private static string Key(string kind, string code) => kind switch
    {
        "method" => EventLabels.MethodPrefix + code,
        "outcome" => EventLabels.OutcomePrefix + code,
        "action" => EventLabels.ActionPrefix + code,
        _ => EventLabels.FreezeReasonPrefix + code,
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryStoredCodeInCoreHasItsOwnTextInBothLanguages(string culture, string language)
    {
        UseCulture(culture);
        var codes = StoredCodes().ToList();
        Assert.True(codes.Count > 40, "the reflection found the constants");

        var missing = codes.Where(c => Texts[Key(c.Kind, c.Code)] is { ResourceNotFound: true } or { Value.Length: 0 })
            .Select(c => $"{c.Kind} '{c.Code}'").ToList();

        Assert.True(missing.Count == 0, $"No {language} text in tools/texts_labels.py for: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void NoMethodOutcomeOrActionShowsAsItsRawCode(string culture, string language)
    {
        UseCulture(culture);

        var raw = StoredCodes().Where(c => c.Kind != "freeze")
            .Select(c => (c.Code, Label: c.Kind switch
            {
                "method" => EventLabels.Method(c.Code, Texts),
                "outcome" => EventLabels.Outcome(c.Code, Texts),
                _ => EventLabels.Action(c.Code, Texts),
            }))
            .Where(c => c.Label == c.Code).Select(c => c.Code).ToList();

        Assert.True(raw.Count == 0, $"{language}: shown as stored: {string.Join(", ", raw)}");
    }

    [Fact]
    public void TheCodesFromTheIssueReadAsDutchAndAsEnglish()
    {
        Assert.Equal("Wachtwoord juist", EventLabels.Outcome(LoginOutcomes.PasswordAccepted, Texts));
        Assert.Equal("Ingelogd", EventLabels.Outcome(LoginOutcomes.Success, Texts));
        Assert.Equal("App gekoppeld en ingelogd", EventLabels.Outcome(LoginOutcomes.Enrolled, Texts));
        Assert.Equal("Authenticator-app", EventLabels.Method(LoginMethods.Authenticator, Texts));

        UseCulture("en");

        Assert.Equal("Password correct", EventLabels.Outcome(LoginOutcomes.PasswordAccepted, Texts));
        Assert.Equal("Logged in", EventLabels.Outcome(LoginOutcomes.Success, Texts));
        Assert.Equal("Authenticator app", EventLabels.Method(LoginMethods.Authenticator, Texts));
        Assert.Equal("e-mail: password changed", EventLabels.FreezeReason(FreezeReasons.PasswordChanged, Texts));
    }

    [Fact]
    public void AnUnknownCodeShowsAsStoredRatherThanDisappearing()
    {
        Assert.Equal("some-future-outcome", EventLabels.Outcome("some-future-outcome", Texts));
    }

    [Theory]
    [InlineData("nl-NL", "Wachtwoord", "Wachtwoord juist", "Authenticator-app", "App gekoppeld en ingelogd")]
    [InlineData("en", "Password", "Password correct", "Authenticator app", "App linked and logged in")]
    public void TheSupportDeskShowsLoginEventsInWords(string culture, string password, string accepted, string authenticator, string enrolled)
    {
        UseCulture(culture);
        LoginEvent[] events =
        [
            new(1, 7, Portals.Private, LoginMethods.Password, LoginOutcomes.PasswordAccepted, 1_772_442_000, "192.0.2.1", null),
            new(2, 7, Portals.Private, LoginMethods.Authenticator, LoginOutcomes.Enrolled, 1_772_442_060, null, null),
        ];

        var cut = Render<LoginEventList>(p => p.Add(l => l.Events, events).Add(l => l.Caption, "Logins"));

        var rows = cut.FindAll("[data-testid=login-event]").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal([password, accepted], rows[0][1..3]);
        Assert.Equal([authenticator, enrolled], rows[1][1..3]);
        Assert.DoesNotContain("password-accepted", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(">enrolled<", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nl-NL", "Authenticator ontkoppeld", "Blokkade opgeheven")]
    [InlineData("en", "Authenticator unlinked", "Block lifted")]
    public void TheSupportDeskShowsActionsInWords(string culture, string unlinked, string unfrozen)
    {
        UseCulture(culture);
        AuditEntry[] entries =
        [
            Entry(SupportActionNames.UnlinkAuthenticator),
            Entry(SupportActionNames.UnfreezeAccount),
        ];

        var cut = Render<AuditList>(p => p.Add(l => l.Entries, entries).Add(l => l.Caption, "Audit"));

        Assert.Equal([unlinked, unfrozen], cut.FindAll("[data-testid=audit-action]").Select(a => a.TextContent.Trim()));
        Assert.DoesNotContain("unlink-authenticator", cut.Markup, StringComparison.Ordinal);
    }

    private static AuditEntry Entry(string action) =>
        new(1, 3, "agent@avero.example.com", 1_772_442_000, 7, 9, "klant@example.com", action, "geboortedatum", "nieuwe telefoon", "gedaan", "192.0.2.1");
}
