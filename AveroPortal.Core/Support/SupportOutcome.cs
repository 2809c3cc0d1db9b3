namespace AveroPortal.Core.Support;

public enum SupportOutcome
{
    Done,
    BadInput,
    NotAllowed,
    NotFound,
    NothingToDo,
    EmailTaken,
    RateLimited,
}
