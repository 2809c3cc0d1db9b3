using System.Text.RegularExpressions;
using AveroPortal.Core.Email;
using AveroPortal.Core.Freeze;

namespace AveroPortal.Tests.Email;

public sealed partial class EmailTemplatesTests
{
    private const string To = "jan@example.com";
    private const string Link = "https://portal.example/uitnodiging?token=abc123";

    // Summer time: 12:00 UTC is 14:00 in Amsterdam.
    private static readonly DateTimeOffset Summer = new(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);

    private const string FreezeUrl = "https://portal.example/dit-was-ik-niet?token=freeze123";
    private static readonly FreezeLink Freeze = new(FreezeUrl, Summer.AddDays(7));

    public static TheoryData<string> Templates => [.. All("Jan").Keys];

    private static readonly string[] SecurityMails =
    [
        nameof(EmailTemplates.AuthenticatorUnlinked), nameof(EmailTemplates.FactorChanged), nameof(EmailTemplates.PasswordResetDone),
        nameof(EmailTemplates.RecoveryCodeUsed), nameof(EmailTemplates.RecoveryCodesRegenerated), nameof(EmailTemplates.AuthenticatorRebound),
        nameof(EmailTemplates.PasskeyAdded), nameof(EmailTemplates.PasskeyRenamed), nameof(EmailTemplates.PasskeyRemoved),
        nameof(EmailTemplates.PasskeyRemovedBySupport), nameof(EmailTemplates.ColleagueReactivated), nameof(EmailTemplates.AdministratorGranted),
    ];

    public static TheoryData<string> SecurityMailTemplates => [.. SecurityMails];

    /// <summary>Every template, keyed by method name, with the same name and moment.</summary>
    private static Dictionary<string, EmailMessage> All(string name, string link = Link) => new()
    {
        [nameof(EmailTemplates.AuthenticatorUnlinked)] = EmailTemplates.AuthenticatorUnlinked(To, name, Summer, Freeze),
        [nameof(EmailTemplates.AuthenticatorRebound)] = EmailTemplates.AuthenticatorRebound(To, name, Summer, Freeze),
        [nameof(EmailTemplates.AccountCreationLink)] = EmailTemplates.AccountCreationLink(To, name, link, Summer),
        [nameof(EmailTemplates.StaffInvitation)] = EmailTemplates.StaffInvitation(To, name, link, Summer),
        [nameof(EmailTemplates.ColleagueInvitation)] =
            EmailTemplates.ColleagueInvitation(To, name, "Bakkerij De Vries B.V.", "Piet de Vries", link, Summer),
        [nameof(EmailTemplates.FactorChanged)] = EmailTemplates.FactorChanged(To, name, "uw wachtwoord", Summer, Freeze),
        [nameof(EmailTemplates.PasswordResetDone)] = EmailTemplates.PasswordResetDone(To, name, Summer, Freeze),
        [nameof(EmailTemplates.RecoveryCodeUsed)] = EmailTemplates.RecoveryCodeUsed(To, name, 9, Summer, Freeze),
        [nameof(EmailTemplates.RecoveryCodesRegenerated)] = EmailTemplates.RecoveryCodesRegenerated(To, name, Summer, Freeze),
        [nameof(EmailTemplates.ColleagueInvitationForExistingAccount)] =
            EmailTemplates.ColleagueInvitationForExistingAccount(To, name, "Bakkerij De Vries B.V.", "Piet de Vries", Summer),
        [nameof(EmailTemplates.PasskeyAdded)] = EmailTemplates.PasskeyAdded(To, name, "Telefoon", Summer, Freeze),
        [nameof(EmailTemplates.PasskeyRenamed)] = EmailTemplates.PasskeyRenamed(To, name, "Telefoon", Summer, Freeze),
        [nameof(EmailTemplates.PasskeyRemoved)] = EmailTemplates.PasskeyRemoved(To, name, "Telefoon", Summer, Freeze),
        [nameof(EmailTemplates.PasskeyRemovedBySupport)] = EmailTemplates.PasskeyRemovedBySupport(To, name, "Telefoon", Summer, Freeze),
        [nameof(EmailTemplates.ColleagueRevoked)] = EmailTemplates.ColleagueRevoked(To, name, "Bakkerij De Vries B.V.", "Piet de Vries", Summer),
        [nameof(EmailTemplates.ColleagueReactivation)] =
            EmailTemplates.ColleagueReactivation(To, name, "Bakkerij De Vries B.V.", "Piet de Vries", link, Summer),
        [nameof(EmailTemplates.ColleagueReactivated)] = EmailTemplates.ColleagueReactivated(To, name, "Bakkerij De Vries B.V.", Summer, Freeze),
        [nameof(EmailTemplates.AdministratorGranted)] = EmailTemplates.AdministratorGranted(To, name, "Bakkerij De Vries B.V.", "Piet de Vries", Summer, Freeze),
    };

    private static readonly Dictionary<string, string> Subjects = new()
    {
        [nameof(EmailTemplates.AuthenticatorUnlinked)] = "Uw authenticator-app is ontkoppeld",
        [nameof(EmailTemplates.AuthenticatorRebound)] = "Uw oude authenticator-app is losgekoppeld met iDIN",
        [nameof(EmailTemplates.AccountCreationLink)] = "Maak uw account voor Mijn Avéro Achmea aan",
        [nameof(EmailTemplates.StaffInvitation)] = "Uw account voor de Supportdesk-omgeving",
        [nameof(EmailTemplates.ColleagueInvitation)] = "U bent uitgenodigd voor Mijn Avéro Achmea Bedrijven",
        [nameof(EmailTemplates.FactorChanged)] = "Uw inloggegevens zijn gewijzigd",
        [nameof(EmailTemplates.PasswordResetDone)] = "Uw wachtwoord is opnieuw ingesteld",
        [nameof(EmailTemplates.RecoveryCodeUsed)] = "U heeft ingelogd met een herstelcode",
        [nameof(EmailTemplates.RecoveryCodesRegenerated)] = "U heeft nieuwe herstelcodes",
        [nameof(EmailTemplates.ColleagueInvitationForExistingAccount)] = "Uitnodiging voor Mijn Avéro Achmea Bedrijven",
        [nameof(EmailTemplates.PasskeyAdded)] = "Er is een passkey toegevoegd",
        [nameof(EmailTemplates.PasskeyRenamed)] = "Een passkey heeft een nieuwe naam",
        [nameof(EmailTemplates.PasskeyRemoved)] = "Er is een passkey verwijderd",
        [nameof(EmailTemplates.PasskeyRemovedBySupport)] = "Uw passkey is verwijderd door de Supportdesk",
        [nameof(EmailTemplates.ColleagueRevoked)] = "Uw account voor Mijn Avéro Achmea Bedrijven is ingetrokken",
        [nameof(EmailTemplates.ColleagueReactivation)] = "Uw account voor Mijn Avéro Achmea Bedrijven wordt opnieuw geactiveerd",
        [nameof(EmailTemplates.ColleagueReactivated)] = "Uw account voor Mijn Avéro Achmea Bedrijven is opnieuw geactiveerd",
        [nameof(EmailTemplates.AdministratorGranted)] = "U bent beheerder van Mijn Avéro Achmea Bedrijven",
    };

    private static readonly string[] WithLink =
        [nameof(EmailTemplates.AccountCreationLink), nameof(EmailTemplates.StaffInvitation), nameof(EmailTemplates.ColleagueInvitation)];

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex UrlPattern();

    [Theory]
    [MemberData(nameof(Templates))]
    public void SubjectIsDutchAndAddressedToTheRecipient(string template)
    {
        var mail = All("Jan")[template];

        Assert.Equal(Subjects[template], mail.Subject);
        Assert.Equal(To, mail.To);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void BothPartsGreetTheRecipientByName(string template)
    {
        var mail = All("Jan Jansen")[template];

        Assert.StartsWith("Beste Jan Jansen,", mail.TextBody);
        Assert.Contains("<p>Beste Jan Jansen,</p>", mail.HtmlBody);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void BothPartsEndWithTheSupportDeskAndTheSender(string template)
    {
        var mail = All("Jan")[template];
        // A security mail asked "Was u dit niet?" with its freeze link already; its closing does not ask it again.
        var closing = SecurityMails.Contains(template)
            ? "Heeft u hier vragen over? Bel dan de Supportdesk:"
            : "Heeft u hier vragen over, of was u dit niet? Bel dan de Supportdesk:";

        Assert.EndsWith(closing + " 058 297 72 34.\n\nMet vriendelijke groet,\nAvéro Achmea\n", mail.TextBody);
        Assert.Contains(closing, mail.HtmlBody);
        Assert.Contains("058 297 72 34", mail.HtmlBody);
        Assert.Contains("Met vriendelijke groet,<br>Avéro Achmea", mail.HtmlBody);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void HtmlPartIsAWholeDutchDocument(string template)
    {
        var html = All("Jan")[template].HtmlBody;

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<html lang=\"nl\">", html);
        Assert.Contains("<meta charset=\"utf-8\">", html);
        Assert.Contains($"<title>{Subjects[template]}</title>", html);
        Assert.EndsWith("</html>\n", html);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void NameIsHtmlEncodedInTheHtmlPartAndLiteralInTheText(string template)
    {
        var mail = All("<b>Jan</b>")[template];

        Assert.DoesNotContain("<b>", mail.HtmlBody);
        Assert.Contains("&lt;b&gt;Jan&lt;/b&gt;", mail.HtmlBody);
        Assert.Contains("Beste <b>Jan</b>,", mail.TextBody);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void MissingNameGetsAFormalGreeting(string template)
    {
        var mail = All(" ")[template];

        Assert.StartsWith("Geachte heer, mevrouw,", mail.TextBody);
        Assert.Contains("<p>Geachte heer, mevrouw,</p>", mail.HtmlBody);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void TimeIsShownInAmsterdamTime(string template)
    {
        var mail = All("Jan")[template];

        Assert.Contains("1 juli 2026 om 14:00", mail.TextBody);
        Assert.Contains("1 juli 2026 om 14:00", mail.HtmlBody);
    }

    [Fact]
    public void WinterTimeIsOneHourAheadOfUtc()
    {
        Assert.Equal("25 november 2026 om 14:05", EmailTemplates.DutchTime(new DateTimeOffset(2026, 11, 25, 13, 5, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void TimeFromAnotherOffsetIsConvertedToAmsterdam()
    {
        Assert.Equal("1 juli 2026 om 14:00", EmailTemplates.DutchTime(new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.FromHours(-4))));
    }

    [Theory]
    [InlineData(nameof(EmailTemplates.AccountCreationLink))]
    [InlineData(nameof(EmailTemplates.StaffInvitation))]
    [InlineData(nameof(EmailTemplates.ColleagueInvitation))]
    [InlineData(nameof(EmailTemplates.ColleagueReactivation))]
    public void LinkCanBeTakenFromTheTextAndIsAnAnchorInTheHtml(string template)
    {
        var mail = All("Jan")[template];

        Assert.Equal(Link, Assert.Single(UrlPattern().Matches(mail.TextBody)).Value);
        Assert.Contains($"<a href=\"{Link}\"", mail.HtmlBody);
    }

    [Fact]
    public void LinkWithSeveralParametersIsEncodedInTheHref()
    {
        const string link = "https://portal.example/aanmaken?token=abc&bron=mail";

        var mail = EmailTemplates.AccountCreationLink(To, "Jan", link, Summer);

        Assert.Equal(link, Assert.Single(UrlPattern().Matches(mail.TextBody)).Value);
        Assert.Contains("<a href=\"https://portal.example/aanmaken?token=abc&amp;bron=mail\"", mail.HtmlBody);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relatief/pad")]
    [InlineData("ftp://portal.example/bestand")]
    public void LinkThatIsNotAnAbsoluteWebAddressIsRefused(string link)
    {
        Assert.Throws<ArgumentException>(() => EmailTemplates.AccountCreationLink(To, "Jan", link, Summer));
    }

    [Fact]
    public void TheRevocationMailSaysWhoRevokedAndWhomToAskAndCarriesNoFreezeLink()
    {
        var mail = All("Jan")[nameof(EmailTemplates.ColleagueRevoked)];

        Assert.Contains("Piet de Vries heeft uw account ingetrokken", mail.TextBody);
        Assert.Contains("Vraag dan een beheerder van Bakkerij De Vries B.V. om uw account opnieuw te activeren", mail.TextBody);
        Assert.DoesNotMatch(UrlPattern(), mail.TextBody);
    }

    [Fact]
    public void ANoticeThatChangesNothingCarriesNoLink()
    {
        var mail = All("Jan")[nameof(EmailTemplates.ColleagueInvitationForExistingAccount)];

        Assert.DoesNotMatch(UrlPattern(), mail.TextBody);
    }

    [Theory]
    [InlineData(nameof(EmailTemplates.AuthenticatorUnlinked))]
    [InlineData(nameof(EmailTemplates.AuthenticatorRebound))]
    [InlineData(nameof(EmailTemplates.FactorChanged))]
    [InlineData(nameof(EmailTemplates.PasswordResetDone))]
    [InlineData(nameof(EmailTemplates.RecoveryCodeUsed))]
    [InlineData(nameof(EmailTemplates.RecoveryCodesRegenerated))]
    [InlineData(nameof(EmailTemplates.ColleagueReactivated))]
    [InlineData(nameof(EmailTemplates.AdministratorGranted))]
    public void EverySecurityMailCarriesItsFreezeLinkAndOnlyThatLinkInBothParts(string template)
    {
        var mail = All("Jan")[template];

        Assert.Equal([FreezeUrl], UrlPattern().Matches(mail.TextBody).Select(m => m.Value));
        Assert.Contains("Was u dit niet?", mail.TextBody);
        Assert.Contains("Dit was ik niet: blokkeer mijn account:\n" + FreezeUrl, mail.TextBody);
        Assert.Contains("Deze link is geldig tot 8 juli 2026 om 14:00 en werkt maar één keer.", mail.TextBody);
        Assert.Contains($"<a href=\"{FreezeUrl}\"", mail.HtmlBody);
        Assert.Contains("Dit was ik niet: blokkeer mijn account</a>", mail.HtmlBody);
        Assert.Contains("Was u dit niet?", mail.HtmlBody);
    }

    [Theory]
    [InlineData(nameof(EmailTemplates.AccountCreationLink))]
    [InlineData(nameof(EmailTemplates.StaffInvitation))]
    [InlineData(nameof(EmailTemplates.ColleagueInvitation))]
    [InlineData(nameof(EmailTemplates.ColleagueReactivation))]
    public void InvitationsSayTheLinkExpiresWorksOnceAndThatWeNeverAskForThePassword(string template)
    {
        var mail = All("Jan")[template];

        Assert.Contains("De link is geldig tot 1 juli 2026 om 14:00 en werkt maar één keer.", mail.TextBody);
        Assert.Contains("vraagt u nooit om uw wachtwoord", mail.TextBody);
        Assert.Contains("vraagt u nooit om uw wachtwoord", mail.HtmlBody);
    }

    [Fact]
    public void AnInvitationToAnAddressWithAnAccountSaysWhoAskedWhyThereIsNoLinkAndThatNothingChanged()
    {
        var text = EmailTemplates.ColleagueInvitationForExistingAccount(To, "Jan", "Bakkerij De Vries B.V.", "Piet de Vries", Summer).TextBody;

        Assert.Contains("Op 1 juli 2026 om 14:00 wilde Piet de Vries u uitnodigen om namens Bakkerij De Vries B.V.", text);
        Assert.Contains("bestaat al een account bij Avéro Achmea", text);
        Assert.Contains("vraag dan om een uitnodiging op een ander e-mailadres", text);
        Assert.Contains("er is niets aan uw account veranderd", text);
    }

    [Fact]
    public void UnlinkedAuthenticatorSaysWhoDidItWhatComesNextAndWhatToDoIfUnexpected()
    {
        var text = EmailTemplates.AuthenticatorUnlinked(To, "Jan", Summer, Freeze).TextBody;

        Assert.Contains("op 1 juli 2026 om 14:00 verwijderd door de Supportdesk", text);
        Assert.Contains("scant u een nieuwe QR-code", text);
        Assert.Contains("Was u dit niet? Klik dan op de link hieronder", text);
    }

    [Theory]
    [MemberData(nameof(SecurityMailTemplates))]
    public void ASecurityMailAsksWhetherItWasYouOnceWithTheLinkNotTwice(string template)
    {
        var mail = All("Jan")[template];

        foreach (var body in new[] { mail.TextBody, mail.HtmlBody })
        {
            Assert.Single(WasItYouPattern().Matches(body));
            Assert.DoesNotContain("Bel dan direct", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AccountCreationExplainsTheSwitchFromIdin()
    {
        var text = EmailTemplates.AccountCreationLink(To, "Jan", Link, Summer).TextBody;

        Assert.Contains("niet meer in met iDIN", text);
        Assert.Contains("e-mailadres, een wachtwoord en een authenticator-app", text);
    }

    [Fact]
    public void StaffInvitationAsksToSetAPasswordAndLinkAnAuthenticator()
    {
        var text = EmailTemplates.StaffInvitation(To, "Jan", Link, Summer).TextBody;

        Assert.Contains("stelt u een wachtwoord in en koppelt u een authenticator-app", text);
    }

    [Fact]
    public void ColleagueInvitationNamesWhoInvitedForWhichCompanyEncodedInHtml()
    {
        var mail = EmailTemplates.ColleagueInvitation(To, "Jan", "Smit & Zn <B.V.>", "Piet \"de baas\"", Link, Summer);

        Assert.Contains("Piet \"de baas\" heeft u uitgenodigd om namens Smit & Zn <B.V.> gebruik te maken", mail.TextBody);
        Assert.Contains("Piet &quot;de baas&quot; heeft u uitgenodigd om namens Smit &amp; Zn &lt;B.V.&gt; gebruik te maken", mail.HtmlBody);
    }

    [Fact]
    public void FactorChangedSaysWhatChangedAndWhen()
    {
        var mail = EmailTemplates.FactorChanged(To, "Jan", "uw wachtwoord", Summer, Freeze);

        Assert.Contains("Op 1 juli 2026 om 14:00 is uw wachtwoord van uw account gewijzigd.", mail.TextBody);
        Assert.Contains("Op 1 juli 2026 om 14:00 is uw wachtwoord van uw account gewijzigd.", mail.HtmlBody);
    }

    [GeneratedRegex("was u dit niet|niet zelf om gevraagd|niet zelf gedaan", RegexOptions.IgnoreCase)]
    private static partial Regex WasItYouPattern();
}
