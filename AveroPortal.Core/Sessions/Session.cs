namespace AveroPortal.Core.Sessions;

/// <summary>A portal session of an e-mail account, an eHerkenning identity or an iDIN identity (exactly one of them).</summary>
public sealed record Session(
    string Id, long? AccountId, long? EHerkenningIdentityId, long? IdinIdentityId, string Method, long CreatedAt, long LastSeenAt, long AbsoluteExpiry,
    string? RemoteIp, string? UserAgent, long? EndedAt, string SecurityStamp);
