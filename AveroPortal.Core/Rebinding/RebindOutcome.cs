namespace AveroPortal.Core.Rebinding;

public enum RebindOutcome
{
    /// <summary>The old binding is gone and every session ended; a new enrollment follows.</summary>
    Rebound,

    /// <summary>The bank identity is not this account's customer: nothing changed.</summary>
    Refused,

    /// <summary>No open password step (absent, used, expired, or the account changed since): nothing changed.</summary>
    Expired,

    /// <summary>Not a private-portal account of a customer (a business account): nothing changed.</summary>
    NotAllowed,
}
