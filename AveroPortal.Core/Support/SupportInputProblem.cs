namespace AveroPortal.Core.Support;

public enum SupportInputProblem
{
    None,
    VerificationMissing,
    ReasonMissing,
    TooLong,
    ControlCharacters,
    EmailInvalid,
}
