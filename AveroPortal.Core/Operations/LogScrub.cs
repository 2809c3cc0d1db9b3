using System.Text.RegularExpressions;

namespace AveroPortal.Core.Operations;

/// <summary>
/// What may go into a log line about a person: an e-mail address only masked (first letter and domain), and text
/// from elsewhere (an SMTP server's error names the recipient) with every address in it masked.
/// </summary>
public static partial class LogScrub
{
    /// <summary>jan.devries@example.com becomes j***@example.com; anything without an @ becomes ***.</summary>
    public static string Email(string? address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        return at > 0 ? address![0] + "***" + address[at..] : "***";
    }

    public static string Text(string? text) => text is null ? "" : Address().Replace(text, match => Email(match.Value));

    /// <summary>An exception's type and scrubbed message, instead of the exception (whose message may name the recipient).</summary>
    public static string Exception(Exception exception) => $"{exception.GetType().Name}: {Text(exception.Message)}";

    [GeneratedRegex(@"[^\s<>""'(),;:@]+@[^\s<>""'(),;:@]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Address();
}
