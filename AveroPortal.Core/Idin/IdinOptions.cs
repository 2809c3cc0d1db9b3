namespace AveroPortal.Core.Idin;

/// <summary>Avero:Idin in configuration, bound once at start-up (see IdinSetup); the test broker fills its gaps with <c>with</c>.</summary>
public sealed record IdinOptions
{
    public const string Section = "Avero:Idin";
    public const string DefaultCallbackPath = "/idin/callback";

    /// <summary>Name of the broker; linked identities are keyed on (Broker, BIN), so it must never change for a broker.</summary>
    public string Broker { get; init; } = "";
    public string Authority { get; init; } = "";
    public string ClientId { get; init; } = "";
    public string ClientSecret { get; init; } = "";
    public string CallbackPath { get; init; } = DefaultCallbackPath;
    public bool RequireHttpsMetadata { get; init; } = true;
    public List<string> Scopes { get; init; } = [];
    /// <summary>Extra authorize parameters, e.g. acr_values=urn:grn:authn:nl:idin for Idura.</summary>
    public Dictionary<string, string> AuthorizeParameters { get; init; } = [];
    /// <summary>Authorize parameter that carries the chosen bank, e.g. login_hint; empty: the broker shows its own list.</summary>
    public string? BankParameter { get; init; }
    /// <summary>Format of that parameter's value, {0} = the bank's issuer id, e.g. "idin_bank:{0}".</summary>
    public string BankParameterFormat { get; init; } = "{0}";
    /// <summary>When the id_token carries an acr, it must be one of these (empty: any).</summary>
    public List<string> AcceptedAcrValues { get; init; } = [];
    /// <summary>Also read claims from the userinfo endpoint (brokers that keep the id_token small).</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; init; }
    public IdinClaimNames Claims { get; init; } = new();
    public List<IdinBank> Banks { get; init; } = [];
}
