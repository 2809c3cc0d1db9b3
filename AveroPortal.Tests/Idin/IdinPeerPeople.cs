using System.Security.Claims;
using AveroPortal.Blazor.Features.Idin;
using AveroPortal.Core.Customers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AveroPortal.Tests.Idin;

/// <summary>
/// The people of the iDIN tests, once as the bank knows them (identities of the oidc-provider peer, with iDIN's own
/// claim names) and once as Avéro knows them (customers in the portal's database).
/// </summary>
internal static class IdinPeerPeople
{
    public const string ClientId = "avero-portaal-test";
    public const string ClientSecret = "test-geheim-0123456789abcdef";
    public const string Acr = "urn:nl:bvn:bankid:1.0:loa3";
    private const string P = "urn:nl:bvn:bankid:1.0:consumer.";

    private static OidcPeerIdentity Person(string bin, string initials, string? prefix, string lastName, string dateOfBirth,
        string street, string houseNumber, string? suffix, string postcode, string city, string? acr = Acr)
    {
        var claims = new Dictionary<string, string>
        {
            [P + "bin"] = bin,
            [P + "initials"] = initials,
            [P + "legallastname"] = lastName,
            [P + "dateofbirth"] = dateOfBirth,
            [P + "street"] = street,
            [P + "houseno"] = houseNumber,
            [P + "postalcode"] = postcode,
            [P + "city"] = city,
            [P + "country"] = "NL",
        };
        if (prefix is not null)
        {
            claims[P + "legallastnameprefix"] = prefix;
        }

        if (suffix is not null)
        {
            claims[P + "housenosuf"] = suffix;
        }

        return new OidcPeerIdentity(bin, claims, acr);
    }

    /// <summary>By the login typed on the peer's bank-simulator page.</summary>
    public static readonly IReadOnlyDictionary<string, OidcPeerIdentity> Identities = new Dictionary<string, OidcPeerIdentity>
    {
        // Avéro: "de Vries", J., 1975-03-14, Stationsweg 12, 8911 AH. The bank writes the prefix in capitals: still a match.
        ["jan"] = Person("BIN-JAN-0001", "J", "De", "Vries", "19750314", "Stationsweg", "12", null, "8911AH", "LEEUWARDEN"),
        // Avéro: Kerkstraat 5 A, 9711 GB. The bank knows her new address.
        ["anna"] = Person("BIN-ANNA-0002", "AM", "van den", "Berg", "19881102", "Herestraat", "40", null, "9711LM", "GRONINGEN"),
        ["klaas"] = Person("BIN-KLAAS-0003", "K", null, "Postma", "19900101", "Dijkweg", "3", null, "9001AB", "GROU"),
        // Jan again, but at an assurance level the portal does not accept.
        ["jan-laag"] = Person("BIN-JAN-0001", "J", "De", "Vries", "19750314", "Stationsweg", "12", null, "8911AH", "LEEUWARDEN", "urn:nl:bvn:bankid:1.0:loa2"),
    };

    public static async Task<(long Jan, long Anna)> AddCustomersAsync(PortalFactory portal)
    {
        var customers = portal.Get<CustomerRepository>();
        var jan = await customers.AddCustomerAsync(new Customer(0, "100001", "J.", "Jan", "de", "Vries", "1975-03-14",
            "Stationsweg", 12, null, "8911 AH", "Leeuwarden", "Bouma Assurantiën, Sietske Bouma", "058 212 34 56", "sietske@bouma-assurantien.example"));
        var anna = await customers.AddCustomerAsync(new Customer(0, "100002", "A.M.", "Anna", "van den", "Berg", "1988-11-02",
            "Kerkstraat", 5, "A", "9711 GB", "Groningen", "Noorderlicht Verzekeringen, Rick Jansma", "050 313 22 11", "rick@noorderlicht.example"));
        return (jan, anna);
    }

    /// <summary>
    /// The cookie the portal's own external scheme writes when the bank's answer arrives, its signing-in event (which
    /// stores the single-use record) included; the broker round trip itself is the browser tests' part.
    /// </summary>
    /// <param name="purpose">What the answer was asked for (<see cref="IdinSetup.PurposeItem"/>); null for a login.</param>
    public static async Task<string> BankAnswerCookieAsync(PortalFactory portal, string person, string? purpose = null)
    {
        var options = portal.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdinSetup.ExternalScheme);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(Identities[person].Claims.Select(c => new Claim(c.Key, c.Value)), "bank"));
        var properties = new AuthenticationProperties();
        if (purpose is not null)
        {
            properties.Items[IdinSetup.PurposeItem] = purpose;
        }

        var scheme = new AuthenticationScheme(IdinSetup.ExternalScheme, null, typeof(CookieAuthenticationHandler));
        await options.Events.SigningIn(new CookieSigningInContext(new DefaultHttpContext { RequestServices = portal.Services }, scheme, options, principal, properties, new CookieOptions()));
        return "Avero.iDIN=" + options.TicketDataFormat.Protect(new AuthenticationTicket(principal, properties, IdinSetup.ExternalScheme));
    }

    /// <summary>The broker, with the portal's callback on 127.0.0.1 and on localhost (the in-memory test server's host).</summary>
    public static Task<OidcProviderPeer> StartPeerAsync(int portalPort) => OidcProviderPeer.StartAsync(new OidcPeerSettings
    {
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        RedirectUris = [$"http://127.0.0.1:{portalPort}/idin/callback", "http://localhost/idin/callback"],
        Identities = Identities,
    });

    /// <summary>The portal's configuration for this peer as its iDIN broker.</summary>
    public static Dictionary<string, string> PortalSettings(OidcProviderPeer peer) => new()
    {
        ["Avero:Idin:Enabled"] = "true",
        ["Avero:Idin:Broker"] = "oidc-provider-test",
        ["Avero:Idin:Authority"] = peer.Issuer,
        ["Avero:Idin:ClientId"] = ClientId,
        ["Avero:Idin:ClientSecret"] = ClientSecret,
        ["Avero:Idin:RequireHttpsMetadata"] = "false",
        ["Avero:Idin:Scopes:0"] = "idin",
        ["Avero:Idin:BankParameter"] = "login_hint",
        ["Avero:Idin:BankParameterFormat"] = "idin_bank:{0}",
        ["Avero:Idin:AuthorizeParameters:ui_locales"] = "nl",
        ["Avero:Idin:AcceptedAcrValues:0"] = Acr,
    };
}
