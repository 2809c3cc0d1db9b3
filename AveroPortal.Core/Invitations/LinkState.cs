namespace AveroPortal.Core.Invitations;

public enum LinkState
{
    Valid,
    Unknown,
    Expired,
    Used,
    Revoked,
}
