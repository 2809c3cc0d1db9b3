namespace AveroPortal.Core.Login;

public sealed record Account(
    long Id,
    string Portal,
    string Email,
    string DisplayName,
    string PasswordHash,
    long? CustomerId,
    long? CompanyId,
    long FailedCount,
    long? LockoutEnd,
    string SecurityStamp,
    string? Role,
    long? DisabledAt,
    long? LastFailedAt = null,
    long? FrozenAt = null,
    string? FrozenReason = null)
{
    public bool IsStaff => Portal == Portals.Staff;

    /// <summary>Frozen through a "Dit was ik niet" link: no sign-in until the Supportdesk unfreezes it.</summary>
    public bool IsFrozen => FrozenAt is not null;

    public LockoutState Lockout => new((int)FailedCount, LockoutEnd, LastFailedAt);
}
