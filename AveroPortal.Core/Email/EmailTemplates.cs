using System.Globalization;
using System.Net;
using System.Text;
using AveroPortal.Core.Freeze;

namespace AveroPortal.Core.Email;

/// <summary>
/// Every mail the portal sends, in Dutch, as plain text and as simple HTML. The one place where mail wording lives.
/// Every mail about a change to how an account signs in is composed with <see cref="SecurityMail"/>, which adds the
/// "Dit was ik niet" paragraph and its freeze link (from <see cref="FreezeLinks.CreateAsync"/>) to both parts.
/// </summary>
internal static class EmailTemplates
{
    public const string SupportDeskPhone = "058 297 72 34";

    private const string SupportDeskPhoneUri = "tel:+31582977234";
    private const string Sender = "Avéro Achmea";
    private const string ClosingQuestion = "Heeft u hier vragen over, of was u dit niet? Bel dan de Supportdesk: ";

    /// <summary>A security mail has said "Was u dit niet?" once, with its link: its closing asks only for questions.</summary>
    private const string SecurityClosingQuestion = "Heeft u hier vragen over? Bel dan de Supportdesk: ";
    private const string LinkColor = "#00568f";

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static EmailMessage AuthenticatorUnlinked(string to, string name, DateTimeOffset when, FreezeLink freeze) =>
        SecurityMail(to, "Uw authenticator-app is ontkoppeld", name, freeze,
            Text("De koppeling tussen uw account voor Mijn Avéro Achmea en uw authenticator-app is op {0} verwijderd door de Supportdesk.",
                DutchTime(when)),
            Text("Als u de volgende keer inlogt, scant u een nieuwe QR-code met uw authenticator-app. Daarna logt u weer in zoals u gewend bent."));

    public static EmailMessage AuthenticatorRebound(string to, string name, DateTimeOffset when, FreezeLink freeze) =>
        SecurityMail(to, "Uw oude authenticator-app is losgekoppeld met iDIN", name, freeze,
            Text("Op {0} is na uw wachtwoord met iDIN bevestigd wie u bent, en is daarmee uw oude authenticator-app losgekoppeld van uw account voor Mijn Avéro Achmea. Direct daarna koppelt u een nieuwe authenticator-app met een nieuwe QR-code.",
                DutchTime(when)),
            Text("Voor uw veiligheid bent u overal uitgelogd. Uw oude herstelcodes werken niet meer; u krijgt nieuwe zodra de nieuwe app gekoppeld is."));

    public static EmailMessage AccountCreationLink(string to, string name, string link, DateTimeOffset expiresAt) =>
        LinkMail(to, "Maak uw account voor Mijn Avéro Achmea aan", name, "Account aanmaken", link, expiresAt,
            Text("U logt voortaan niet meer in met iDIN, maar met uw e-mailadres, een wachtwoord en een authenticator-app. "
                + "Via de link hieronder maakt u uw account aan."));

    public static EmailMessage StaffInvitation(string to, string name, string link, DateTimeOffset expiresAt) =>
        LinkMail(to, "Uw account voor de Supportdesk-omgeving", name, "Wachtwoord instellen", link, expiresAt,
            Text("Er is een account voor u aangemaakt in de Supportdesk-omgeving van Avéro Achmea. "
                + "Via de link hieronder stelt u een wachtwoord in en koppelt u een authenticator-app."));

    public static EmailMessage ColleagueInvitation(
        string to, string name, string companyName, string invitedBy, string link, DateTimeOffset expiresAt) =>
        LinkMail(to, "U bent uitgenodigd voor Mijn Avéro Achmea Bedrijven", name, "Uitnodiging accepteren", link, expiresAt,
            Text("{0} heeft u uitgenodigd om namens {1} gebruik te maken van Mijn Avéro Achmea Bedrijven.", invitedBy, companyName),
            Text("Via de link hieronder maakt u uw account aan met uw e-mailadres, een wachtwoord en een authenticator-app."));

    /// <summary>
    /// Instead of an invitation, to an address that already has an account with Avéro Achmea: the inviter is told the
    /// invitation was sent, so only the address's own holder learns that it has an account.
    /// </summary>
    public static EmailMessage ColleagueInvitationForExistingAccount(string to, string name, string companyName, string invitedBy, DateTimeOffset when) =>
        Compose(to, "Uitnodiging voor Mijn Avéro Achmea Bedrijven", name,
            Text("Op {0} wilde {1} u uitnodigen om namens {2} gebruik te maken van Mijn Avéro Achmea Bedrijven.", DutchTime(when), invitedBy, companyName),
            Text("Met uw e-mailadres bestaat al een account bij Avéro Achmea, en met één e-mailadres kan maar één account worden gemaakt. Daarom sturen we u geen link. Wilt u namens {0} inloggen, vraag dan om een uitnodiging op een ander e-mailadres.", companyName),
            Text("Kent u {0} niet, of verwachtte u dit niet? Dan hoeft u niets te doen: er is niets aan uw account veranderd.", companyName),
            NeverAsked());

    /// <summary>
    /// To a colleague whose account an administrator (or the Supportdesk) revoked. No "Dit was ik niet" link: the
    /// account is disabled and its sessions ended, so a freeze would protect nothing; it would only block the
    /// re-activation that fixes a revocation by mistake. The mail says whom to ask instead.
    /// </summary>
    public static EmailMessage ColleagueRevoked(string to, string name, string companyName, string revokedBy, DateTimeOffset when) =>
        Compose(to, "Uw account voor Mijn Avéro Achmea Bedrijven is ingetrokken", name,
            Text("Op {0} heeft {1} uw account ingetrokken waarmee u namens {2} inlogde op Mijn Avéro Achmea Bedrijven. U bent overal uitgelogd en kunt met dit account niet meer inloggen.",
                DutchTime(when), revokedBy, companyName),
            Text("Is dit een vergissing? Vraag dan een beheerder van {0} om uw account opnieuw te activeren. U krijgt daarvoor een nieuwe link per e-mail.", companyName));

    /// <summary>The link that re-enables a revoked colleague's own account, with a new password and authenticator.</summary>
    public static EmailMessage ColleagueReactivation(
        string to, string name, string companyName, string reactivatedBy, string link, DateTimeOffset expiresAt) =>
        LinkMail(to, "Uw account voor Mijn Avéro Achmea Bedrijven wordt opnieuw geactiveerd", name, "Account opnieuw activeren", link, expiresAt,
            Text("{0} heeft uw ingetrokken account weer opengezet, zodat u opnieuw namens {1} gebruik kunt maken van Mijn Avéro Achmea Bedrijven.", reactivatedBy, companyName),
            Text("Via de link hieronder stelt u een nieuw wachtwoord in. Daarna koppelt u opnieuw een authenticator-app: uw oude koppeling, herstelcodes en passkeys werken niet meer."));

    public static EmailMessage ColleagueReactivated(string to, string name, string companyName, DateTimeOffset when, FreezeLink freeze) =>
        SecurityMail(to, "Uw account voor Mijn Avéro Achmea Bedrijven is opnieuw geactiveerd", name, freeze,
            Text("Op {0} is uw account voor {1} opnieuw geactiveerd met een nieuw wachtwoord.", DutchTime(when), companyName),
            Text("Als u inlogt, scant u een nieuwe QR-code met uw authenticator-app. Uw oude koppeling, herstelcodes en passkeys werken niet meer."));

    public static EmailMessage AdministratorGranted(string to, string name, string companyName, string grantedBy, DateTimeOffset when, FreezeLink freeze) =>
        SecurityMail(to, "U bent beheerder van Mijn Avéro Achmea Bedrijven", name, freeze,
            Text("Op {0} heeft {1} u beheerder gemaakt van de accounts van {2} op Mijn Avéro Achmea Bedrijven.", DutchTime(when), grantedBy, companyName),
            Text("Als beheerder nodigt u collega's uit, trekt u accounts in, activeert u ingetrokken accounts opnieuw en maakt u anderen beheerder. Wat u doet, wordt vastgelegd en is te zien voor de andere beheerders."));

    public static EmailMessage PasswordResetLink(string to, string name, string link, DateTimeOffset expiresAt) =>
        Compose(to, "Nieuw wachtwoord instellen voor Mijn Avéro Achmea", name,
            Text("U heeft gevraagd om een nieuw wachtwoord voor uw account. Via de link hieronder stelt u het in. "
                + "Heeft u een authenticator-app gekoppeld, dan vragen we eerst een code uit die app."),
            Link("Nieuw wachtwoord instellen", link),
            ValidUntil(expiresAt),
            Text("Heeft u dit niet zelf gevraagd? Dan hoeft u niets te doen: uw wachtwoord blijft zoals het is."),
            NeverAsked());

    public static EmailMessage PasswordResetDone(string to, string name, DateTimeOffset when, FreezeLink freeze) =>
        SecurityMail(to, "Uw wachtwoord is opnieuw ingesteld", name, freeze,
            Text("Op {0} is via de link \u201cWachtwoord vergeten\u201d een nieuw wachtwoord ingesteld voor uw account.", DutchTime(when)),
            Text("Voor uw veiligheid bent u overal uitgelogd. Log opnieuw in met uw nieuwe wachtwoord."));

    /// <param name="what">What changed, as it reads after "is": for example "uw wachtwoord".</param>
    public static EmailMessage FactorChanged(string to, string name, string what, DateTimeOffset when, FreezeLink freeze) =>
        SecurityMail(to, "Uw inloggegevens zijn gewijzigd", name, freeze,
            Text("Op {0} is {1} van uw account gewijzigd.", DutchTime(when), what),
            Text("Heeft u dit zelf gedaan? Dan hoeft u niets te doen."));

    public static EmailMessage RecoveryCodeUsed(string to, string name, int left, DateTimeOffset when, FreezeLink freeze) =>
        SecurityMail(to, "U heeft ingelogd met een herstelcode", name, freeze,
            Text("Op {0} is op uw account voor Mijn Avéro Achmea ingelogd met een herstelcode in plaats van een code uit uw authenticator-app. Die herstelcode werkt niet nog een keer.", DutchTime(when)),
            Text(left == 1 ? "U heeft nog 1 ongebruikte herstelcode." : "U heeft nog {0} ongebruikte herstelcodes.", left.ToString(CultureInfo.InvariantCulture)),
            Text("Bent u uw telefoon kwijt of heeft u een nieuwe? Koppel dan een nieuwe authenticator-app: log in en kies Instellingen en dan Nieuwe telefoon. Daar maakt u ook nieuwe herstelcodes aan."));

    public static EmailMessage RecoveryCodesRegenerated(string to, string name, DateTimeOffset when, FreezeLink freeze) =>
        SecurityMail(to, "U heeft nieuwe herstelcodes", name, freeze,
            Text("Op {0} zijn er nieuwe herstelcodes gemaakt voor uw account voor Mijn Avéro Achmea. Uw oude herstelcodes werken niet meer.", DutchTime(when)),
            Text("Heeft u dit zelf gedaan? Dan hoeft u niets te doen."));

    public static EmailMessage PasskeyAdded(string to, string name, string passkeyName, DateTimeOffset when, FreezeLink freeze) =>
        SecurityMail(to, "Er is een passkey toegevoegd", name, freeze,
            Text("Op {0} is de passkey \u201c{1}\u201d toegevoegd aan uw account voor Mijn Avéro Achmea. Met die passkey kunt u voortaan inloggen.",
                DutchTime(when), passkeyName),
            Text("Heeft u dit zelf gedaan? Dan hoeft u niets te doen."));

    public static EmailMessage PasskeyRenamed(string to, string name, string passkeyName, DateTimeOffset when, FreezeLink freeze) =>
        SecurityMail(to, "Een passkey heeft een nieuwe naam", name, freeze,
            Text("Op {0} is een passkey van uw account voor Mijn Avéro Achmea hernoemd. De nieuwe naam is \u201c{1}\u201d.", DutchTime(when), passkeyName),
            Text("Heeft u dit zelf gedaan? Dan hoeft u niets te doen."));

    public static EmailMessage PasskeyRemoved(string to, string name, string passkeyName, DateTimeOffset when, FreezeLink freeze) =>
        SecurityMail(to, "Er is een passkey verwijderd", name, freeze,
            Text("Op {0} is de passkey \u201c{1}\u201d verwijderd van uw account voor Mijn Avéro Achmea. Met die passkey kunt u niet meer inloggen.",
                DutchTime(when), passkeyName),
            Text("Heeft u dit zelf gedaan? Dan hoeft u niets te doen."));

    public static EmailMessage PasskeyRemovedBySupport(string to, string name, string passkeyName, DateTimeOffset when, FreezeLink freeze) =>
        SecurityMail(to, "Uw passkey is verwijderd door de Supportdesk", name, freeze,
            Text("Op {0} heeft de Supportdesk de passkey \u201c{1}\u201d verwijderd van uw account voor Mijn Avéro Achmea. Met die passkey kunt u niet meer inloggen.",
                DutchTime(when), passkeyName),
            Text("U logt in met uw wachtwoord en uw authenticator-app, of met een andere passkey. Een nieuwe passkey voegt u toe bij Instellingen."));

    /// <summary>"25 november 2026 om 14:05", in Dutch local time whatever the server's zone.</summary>
    public static string DutchTime(DateTimeOffset moment) =>
        Core.DutchTime.Local(moment).ToString("d MMMM yyyy 'om' HH:mm", Dutch);

    /// <summary>A mail with a one-time link: the intro, the link, how long it works, and the never-asked warning.</summary>
    private static EmailMessage LinkMail(
        string to, string subject, string name, string label, string link, DateTimeOffset expiresAt, params Block[] intro) =>
        Compose(to, subject, name, [.. intro, Link(label, link), ValidUntil(expiresAt), NeverAsked()]);

    /// <summary>
    /// A mail about a change to how the account signs in: its own paragraphs, then "Dit was ik niet" with the link
    /// that freezes the account (NIST SP 800-63B rev4 §4.6), in the HTML and the plain-text part alike.
    /// </summary>
    private static EmailMessage SecurityMail(string to, string subject, string name, FreezeLink freeze, params Block[] blocks) =>
        Compose(to, subject, name, SecurityClosingQuestion, [.. blocks,
            Text("Was u dit niet? Klik dan op de link hieronder en bevestig. We blokkeren uw account dan meteen: overal waar iemand is ingelogd, wordt hij uitgelogd en niemand kan nog inloggen. Bel daarna de Supportdesk op {0}; die helpt u weer veilig in te loggen.", SupportDeskPhone),
            Link("Dit was ik niet: blokkeer mijn account", freeze.Url),
            Text("Deze link is geldig tot {0} en werkt maar één keer.", DutchTime(freeze.ExpiresAt))]);

    private static Block ValidUntil(DateTimeOffset expiresAt) =>
        Text("De link is geldig tot {0} en werkt maar één keer.", DutchTime(expiresAt));

    private static Block NeverAsked() =>
        Text("Avéro Achmea vraagt u nooit om uw wachtwoord of een code uit uw authenticator-app, ook niet per e-mail of telefoon.");

    private static Block Text(string wording, params string[] values) => new(wording, values, null);

    private static Block Link(string label, string url)
    {
        // The links are built by our own code, but a non-http(s) link in an href (javascript:, data:) must never reach a customer.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"Link must be an absolute http(s) address: '{url}'.", nameof(url));
        }

        return new Block(label, [], url);
    }

    // The subject is wording from this class, like the paragraphs, so it goes into the title as it is.
    private static EmailMessage Compose(string to, string subject, string name, params Block[] blocks) =>
        Compose(to, subject, name, ClosingQuestion, blocks);

    private static EmailMessage Compose(string to, string subject, string name, string closingQuestion, Block[] blocks)
    {
        var greeting = string.IsNullOrWhiteSpace(name) ? "Geachte heer, mevrouw," : null;

        var text = new StringBuilder();
        text.Append(greeting ?? $"Beste {name},").Append("\n\n");
        foreach (var block in blocks)
        {
            // The link on a line of its own, so mail clients make it clickable and nothing sticks to its end.
            text.Append(block.Url is null ? block.Render(Plain) : $"{block.Render(Plain)}:\n{block.Url}").Append("\n\n");
        }

        text.Append(closingQuestion).Append(SupportDeskPhone).Append(".\n\n");
        text.Append("Met vriendelijke groet,\n").Append(Sender).Append('\n');

        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="nl">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{subject}</title>
            </head>
            <body style="margin:0;padding:24px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;">
            <div style="max-width:600px;">

            """);
        html.Append("<p>").Append(greeting ?? $"Beste {Encode(name)},").Append("</p>\n");
        foreach (var block in blocks)
        {
            html.Append(block.Url is null
                ? $"<p>{block.Render(Encode)}</p>\n"
                : $"<p><a href=\"{Encode(block.Url)}\" style=\"color:{LinkColor};font-weight:bold;\">{block.Render(Encode)}</a></p>\n");
        }

        html.Append($"<p>{closingQuestion}<a href=\"{SupportDeskPhoneUri}\" style=\"color:{LinkColor};\">{SupportDeskPhone}</a>.</p>\n");
        html.Append($"<p>Met vriendelijke groet,<br>{Sender}</p>\n");
        html.Append("</div>\n</body>\n</html>\n");

        return new EmailMessage(to, subject, text.ToString(), html.ToString());
    }

    private static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");

    private static string Plain(string? value) => value ?? "";

    /// <summary>
    /// A paragraph, or with a <see cref="Url"/> a link whose text is the wording. The wording is our own HTML-safe
    /// Dutch; only the values are encoded for the HTML part (encoding the wording too would turn é into &amp;#233;).
    /// </summary>
    private sealed record Block(string Wording, string[] Values, string? Url)
    {
        public string Render(Func<string?, string> encode) =>
            string.Format(CultureInfo.InvariantCulture, Wording, Values.Select(encode).ToArray<object?>());
    }
}
