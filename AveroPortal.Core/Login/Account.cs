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
    long? LastFailedAt = null)
{
    public bool IsStaff => Portal == Portals.Staff;

    public LockoutState Lockout => new((int)FailedCount, LockoutEnd, LastFailedAt);
}
