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

    /// <summary>The company has five accounts and open links in use: no seat for a re-activation.</summary>
    LimitReached,

    /// <summary>The link was made but its mail could not be sent; it was withdrawn again.</summary>
    MailFailed,
}
