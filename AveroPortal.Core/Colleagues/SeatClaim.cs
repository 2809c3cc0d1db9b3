namespace AveroPortal.Core.Colleagues;

/// <summary>Whether a company had room for one more colleague account.</summary>
public enum SeatClaim
{
    Claimed,
    LimitReached,
    CompanyNotInsured,
    TooManyInvitations,
    AlreadyColleague,
}
