namespace AveroPortal.Core.Login;

/// <summary>Checks raw form input before anything touches the database, so bad input changes nothing.</summary>
public static class LoginInput
{
    public const int MaxEmailLength = 254;

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static InputProblem CheckEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return InputProblem.Missing;
        }

        var trimmed = email.Trim();
        if (trimmed.Length > MaxEmailLength)
        {
            return InputProblem.TooLong;
        }

        if (HasControlCharacters(trimmed))
        {
            return InputProblem.ControlCharacters;
        }

        var at = trimmed.IndexOf('@');
        var valid = at > 0 && at == trimmed.LastIndexOf('@') && at < trimmed.Length - 3
            && trimmed.IndexOf('.', at) > at + 1 && !trimmed.EndsWith('.') && !trimmed.Any(char.IsWhiteSpace);
        return valid ? InputProblem.None : InputProblem.InvalidEmail;
    }

    public static InputProblem CheckPassword(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return InputProblem.Missing;
        }

        if (password.Length > PasswordRules.MaxLength * 2)
        {
            return InputProblem.TooLong;
        }

        return HasControlCharacters(password) ? InputProblem.ControlCharacters : InputProblem.None;
    }

    public static InputProblem CheckCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return InputProblem.Missing;
        }

        if (HasControlCharacters(code))
        {
            return InputProblem.ControlCharacters;
        }

        return TotpPolicy.NormalizeCode(code) is null ? InputProblem.InvalidCode : InputProblem.None;
    }

    public static bool HasControlCharacters(string value) =>
        value.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF');
}
