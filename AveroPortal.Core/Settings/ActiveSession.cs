namespace AveroPortal.Core.Settings;

/// <summary>A live session of the account as the customer sees it; the session id itself never leaves the server.</summary>
public sealed record ActiveSession(long CreatedAt, long LastSeenAt, string? RemoteIp, string? UserAgent, bool IsCurrent);
