namespace AveroPortal.Blazor.Features.Rebinding;

/// <summary>The addresses of the re-binding route, in one place for the pages, the endpoint and the iDIN events.</summary>
internal static class RebindPaths
{
    /// <summary>The explanation and bank choice, linked from the code step.</summary>
    public const string Start = "/inloggen/authenticator-kwijt";

    /// <summary>Where the broker's answer comes back for a re-binding (the login's is /idin/verder).</summary>
    public const string Continue = "/idin/herkoppelen";

    /// <summary>The bank identity is not this account's customer: nothing changed, the Supportdesk helps.</summary>
    public const string Refused = "/inloggen/authenticator-kwijt/geweigerd";

    /// <summary>Cancelled or failed at the bank, or the answer was used already: nothing changed.</summary>
    public const string Cancelled = "/inloggen/authenticator-kwijt/afgebroken";
}
