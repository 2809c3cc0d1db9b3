namespace AveroPortal.Core.Login;

public enum InputProblem
{
    None,
    Missing,
    TooLong,
    ControlCharacters,
    InvalidEmail,
    InvalidCode,
}
