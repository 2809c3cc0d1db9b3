using System.Text;
using static System.Net.WebUtility;

namespace AveroPortal.Blazor.DevBrokers.Idin;

/// <summary>
/// The bank simulator of <see cref="IdinTestBroker"/>, as plain HTML: it stands for a page on another site, so it
/// uses nothing of the portal (no layout, no circuit, no scripts).
/// </summary>
internal static class IdinTestBrokerPage
{
    private const string Title = "Testbank iDIN (alleen ontwikkeling)";

    public static string Choose(IdinTestBrokerPendingRequest pending, string formAction)
    {
        var html = new StringBuilder();
        html.Append("<h1>Testbank iDIN</h1>");
        html.Append(pending.BankName is null
            ? "<p>Het portaal heeft geen bank meegestuurd.</p>"
            : $"<p>Gekozen bank: <strong>{HtmlEncode(pending.BankName)}</strong></p>");
        html.Append("<p>Avéro vraagt uw naam, adres en geboortedatum. Kies als wie u deze test doet.</p>");
        html.Append($"<form method=\"post\" action=\"{HtmlEncode(formAction)}\">");
        html.Append($"<input type=\"hidden\" name=\"handle\" value=\"{HtmlEncode(pending.Handle)}\">");
        html.Append("<fieldset><legend>Als wie bevestigt u bij de bank?</legend>");
        var identities = IdinTestBroker.Identities;
        for (var i = 0; i < identities.Count; i++)
        {
            var (label, p) = identities[i];
            var name = string.Join(' ', new[] { p.Initials, p.LegalLastNamePrefix, p.LegalLastName }.Where(part => part is not null));
            var details = $"{name}, geboren {p.DateOfBirth}, {p.Street} {p.HouseNumber}{p.HouseNumberSuffix}, {p.Postcode} {p.City}";
            html.Append($"<div class=\"keuze\"><input type=\"radio\" id=\"persoon-{i}\" name=\"identity\" value=\"{HtmlEncode(p.Bin)}\"{(i == 0 ? " checked" : "")}>")
                .Append($"<label for=\"persoon-{i}\"><strong>{HtmlEncode(label)}</strong><br><span>{HtmlEncode(details)}</span></label></div>");
        }

        html.Append("</fieldset>");
        html.Append("<button type=\"submit\" name=\"confirm\" value=\"1\">Bevestigen bij de bank</button> ");
        html.Append("<button type=\"submit\" name=\"cancel\" value=\"1\">Annuleren</button>");
        html.Append("</form>");
        return Document(html.ToString());
    }

    public static string Refused(string problem) =>
        Document($"<h1>Testbank iDIN: verzoek geweigerd</h1><p>Het verzoek van het portaal is geweigerd: {HtmlEncode(problem)}.</p>");

    private static string Document(string main) => $$"""
        <!DOCTYPE html>
        <html lang="nl">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Title}}</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
        main { max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
        .waarschuwing { border: 2px solid #8a4b00; background: #fff4e5; color: #4d2a00; padding: .75rem 1rem; }
        fieldset { margin: 1rem 0; }
        .keuze { margin: .5rem 0; }
        button { font-size: 1rem; padding: .5rem 1rem; }
        </style>
        </head>
        <body>
        <main>
        <p class="waarschuwing"><strong>Testbank: alleen voor ontwikkeling, geen echte bank.</strong> Hier wordt niets bij een bank gecontroleerd.</p>
        {{main}}
        </main>
        </body>
        </html>
        """;
}
