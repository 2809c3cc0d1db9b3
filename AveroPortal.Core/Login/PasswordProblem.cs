namespace AveroPortal.Core.Login;

public enum PasswordProblem
{
    None,
    TooShort,
    TooLong,
    Common,
    SameAsEmail,
}
