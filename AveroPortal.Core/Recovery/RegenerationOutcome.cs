namespace AveroPortal.Core.Recovery;

public enum RegenerationOutcome
{
    Done,
    BadInput,
    InvalidCode,
    LockedOut,
    /// <summary>No enrolled authenticator (or no customer account) to prove: nothing changed.</summary>
    NotAvailable,
}
