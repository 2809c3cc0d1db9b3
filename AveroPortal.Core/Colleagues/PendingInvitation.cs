using AveroPortal.Core.Invitations;

namespace AveroPortal.Core.Colleagues;

/// <summary>An invitation that can still be accepted: not used, not revoked, not expired.</summary>
public sealed record PendingInvitation(long Id, string Email, string DisplayName, long CreatedAt, long ExpiresAt, string Kind = InvitationKinds.Colleague)
{
    /// <summary>A link that re-enables a revoked colleague's account instead of creating a new one.</summary>
    public bool IsReactivation => Kind == InvitationKinds.Reactivation;
}
