namespace AveroPortal.Core.Colleagues;

public enum InviteProblem
{
    None,
    EmailMissing,
    EmailInvalid,
    NameMissing,
    NameTooLong,
    ControlCharacters,
}
