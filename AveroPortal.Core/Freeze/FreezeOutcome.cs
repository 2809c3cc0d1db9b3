namespace AveroPortal.Core.Freeze;

public enum FreezeOutcome
{
    /// <summary>The link froze the account just now.</summary>
    Frozen,
    /// <summary>The link was good, but the account was frozen already (another mail's link); its sessions ended again.</summary>
    AlreadyFrozen,
    /// <summary>Unknown, used or expired: nothing changed.</summary>
    LinkNotValid,
}
