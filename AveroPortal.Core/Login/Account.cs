namespace AveroPortal.Core.Login;

public static class Portals
{
    public const string Private = "private";
    public const string Business = "business";
    public const string Staff = "staff";

    public static bool IsValid(string? portal) => portal is Private or Business or Staff;
}

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

public sealed record NewAccount(string Portal, string Email, string DisplayName, string PasswordHash, long? CustomerId, long? CompanyId, string? Role = null);

public static class StaffRoles
{
    public const string SupportAgent = "SupportAgent";
    public const string Admin = "Admin";
}

public sealed record ClientInfo(string? RemoteIp, string? UserAgent)
{
    public static ClientInfo Of(string? remoteIp, string? userAgent) =>
        new(remoteIp, userAgent is { Length: > 300 } ? userAgent[..300] : userAgent);
}
