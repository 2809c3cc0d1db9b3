namespace AveroPortal.Core.Login;

/// <summary>
/// NIST SP 800-63B rules: 8 to 128 characters, no composition rules, not a known common password and not the
/// e-mail address. The list ships with the app (top of the SecLists 10 million list, entries of 8+ characters).
/// </summary>
public sealed class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(LoadCommonPasswords);

    public static int CommonPasswordCount => CommonPasswords.Value.Count;

    public PasswordProblem Check(string password, string? email)
    {
        var length = password.EnumerateRunes().Count();
        if (length < MinLength)
        {
            return PasswordProblem.TooShort;
        }

        if (length > MaxLength)
        {
            return PasswordProblem.TooLong;
        }

        if (CommonPasswords.Value.Contains(password))
        {
            return PasswordProblem.Common;
        }

        if (email is not null)
        {
            var trimmed = email.Trim();
            var localPart = trimmed.Split('@')[0];
            if (string.Equals(password, trimmed, StringComparison.OrdinalIgnoreCase)
                || (localPart.Length >= MinLength && string.Equals(password, localPart, StringComparison.OrdinalIgnoreCase)))
            {
                return PasswordProblem.SameAsEmail;
            }
        }

        return PasswordProblem.None;
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
