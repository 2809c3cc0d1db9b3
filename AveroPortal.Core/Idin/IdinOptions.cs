namespace AveroPortal.Core.Idin;

/// <summary>A bank in the iDIN directory, with its issuer id (BIC), as the broker knows it.</summary>
public sealed record IdinBank(string Id, string Name);

/// <summary>
/// The claim names a broker uses for the iDIN attributes. Brokers differ (Signicat says idp_id and
/// idin_legal_last_name, others pass iDIN's own urn names), so these are configuration. Defaults: iDIN's names.
/// </summary>
public sealed class IdinClaimNames
{
    private const string Prefix = "urn:nl:bvn:bankid:1.0:consumer.";

    public string Bin { get; set; } = Prefix + "bin";
    public string Initials { get; set; } = Prefix + "initials";
    public string LegalLastNamePrefix { get; set; } = Prefix + "legallastnameprefix";
    public string LegalLastName { get; set; } = Prefix + "legallastname";
    public string PartnerLastNamePrefix { get; set; } = Prefix + "partnerlastnameprefix";
    public string PartnerLastName { get; set; } = Prefix + "partnerlastname";
    public string PreferredLastName { get; set; } = Prefix + "preferredlastname";
    public string DateOfBirth { get; set; } = Prefix + "dateofbirth";
    public string Street { get; set; } = Prefix + "street";
    public string HouseNumber { get; set; } = Prefix + "houseno";
    public string HouseNumberSuffix { get; set; } = Prefix + "housenosuf";
    public string Postcode { get; set; } = Prefix + "postalcode";
    public string City { get; set; } = Prefix + "city";
    public string Country { get; set; } = Prefix + "country";
}

/// <summary>Avero:Idin in configuration.</summary>
public sealed class IdinOptions
{
    /// <summary>Name of the broker; linked identities are keyed on (Broker, BIN), so it must never change for a broker.</summary>
    public string Broker { get; set; } = "";
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public string CallbackPath { get; set; } = "/idin/callback";
    public bool RequireHttpsMetadata { get; set; } = true;
    public List<string> Scopes { get; set; } = [];
    /// <summary>Extra authorize parameters, e.g. acr_values=urn:grn:authn:nl:idin for Idura.</summary>
    public Dictionary<string, string> AuthorizeParameters { get; set; } = [];
    /// <summary>Authorize parameter that carries the chosen bank, e.g. login_hint; empty: the broker shows its own list.</summary>
    public string? BankParameter { get; set; }
    /// <summary>Format of that parameter's value, {0} = the bank's issuer id, e.g. "idin_bank:{0}".</summary>
    public string BankParameterFormat { get; set; } = "{0}";
    /// <summary>When the id_token carries an acr, it must be one of these (empty: any).</summary>
    public List<string> AcceptedAcrValues { get; set; } = [];
    /// <summary>Also read claims from the userinfo endpoint (brokers that keep the id_token small).</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; }
    public IdinClaimNames Claims { get; set; } = new();
    public List<IdinBank> Banks { get; set; } = [];
}
