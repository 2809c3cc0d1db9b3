namespace AveroPortal.Core.Colleagues;

/// <summary>An invitation that can still be accepted: not used, not revoked, not expired.</summary>
public sealed record PendingInvitation(long Id, string Email, string DisplayName, long CreatedAt, long ExpiresAt);
