namespace AveroPortal.Core.Login;

public static class Portals
{
    public const string Private = "private";
    public const string Business = "business";

    public static bool IsValid(string? portal) => portal is Private or Business;
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
    string SecurityStamp)
{
    public LockoutState Lockout => new((int)FailedCount, LockoutEnd);
}

public sealed record NewAccount(string Portal, string Email, string DisplayName, string PasswordHash, long? CustomerId, long? CompanyId);

public sealed record ClientInfo(string? RemoteIp, string? UserAgent)
{
    public static ClientInfo Of(string? remoteIp, string? userAgent) =>
        new(remoteIp, userAgent is { Length: > 300 } ? userAgent[..300] : userAgent);
}
