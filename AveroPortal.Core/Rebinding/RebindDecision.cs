namespace AveroPortal.Core.Rebinding;

/// <summary>What <see cref="AuthenticatorRebinding.Decide"/> concluded from the bank identity.</summary>
public enum RebindDecision
{
    /// <summary>The (broker, BIN) was linked before, to this account's customer.</summary>
    AcceptLinked,

    /// <summary>Not linked before, and a full match on this account's customer: the identity is linked now.</summary>
    AcceptFullMatch,

    /// <summary>Linked to, or fully matching, another customer.</summary>
    RefuseOtherCustomer,

    /// <summary>A single candidate that matches only in part.</summary>
    RefusePartialMatch,

    /// <summary>No customer, or more than one, matches.</summary>
    RefuseNoMatch,
}
