namespace AveroPortal.Core.Colleagues;

public enum SeatClaim
{
    Claimed,
    LimitReached,
    CompanyNotInsured,
    TooManyInvitations,
    AlreadyColleague,
}
