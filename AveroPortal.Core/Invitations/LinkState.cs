namespace AveroPortal.Core.Invitations;

/// <summary>What an invitation link is worth when it is opened.</summary>
public enum LinkState
{
    Valid,
    Unknown,
    Expired,
    Used,
    Revoked,
}
