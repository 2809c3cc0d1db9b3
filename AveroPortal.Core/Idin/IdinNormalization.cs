using System.Globalization;
using System.Text;

namespace AveroPortal.Core.Idin;

/// <summary>
/// Turns the bank's and Avéro's spelling of the same fact into one comparable form. The bank sends iDIN's formats
/// (YYYYMMDD, "8911AH", house number and suffix as text); Avéro's data is typed in by advisers over many years
/// ("8911 AH", "van der", "J.", "-a"). Only compare values after they went through the same function here.
/// </summary>
public static class IdinNormalization
{
    private static readonly string[] DateFormats = ["yyyyMMdd", "yyyy-MM-dd"];

    /// <summary>
    /// Lower case, diacritics removed (é→e, ë→e, ï→i, ô→o; ĳ becomes "ij"), whitespace collapsed to single spaces and
    /// trimmed. Null or blank gives "".
    /// </summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        // Compatibility decomposition (KD, not D) so that the ligature ĳ and look-alikes such as full-width letters
        // also fall apart into plain letters, and diacritics become separate marks that can be dropped.
        var decomposed = value.Normalize(NormalizationForm.FormKD);
        var result = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = result.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                result.Append(' ');
                pendingSpace = false;
            }

            AppendFolded(result, char.ToLowerInvariant(c));
        }

        return result.ToString();
    }

    /// <summary>
    /// Prefix and last name as one comparable key: <see cref="Text"/>, then spaces, hyphens (any dash), apostrophes
    /// and dots dropped. So "van der Berg", ("van der", "Berg"), ("Van Der", "berg") and "Vanderberg" are equal, and
    /// the double name "Jansen-de Vries" equals the keys of "Jansen" and "de Vries" put together.
    /// </summary>
    public static string LastName(string? prefix, string? lastName)
    {
        var text = Text(string.Concat(prefix, " ", lastName));
        var key = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is ' ' or '.' || IsApostrophe(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DashPunctuation)
            {
                continue;
            }

            key.Append(c);
        }

        return key.ToString();
    }

    /// <summary>Letters only, upper case: "J.M.", "j m" and "JM" all give "JM". Null or no letters gives "".</summary>
    public static string Initials(string? value) => LettersAndDigits(value, keepDigits: false);

    /// <summary>
    /// Dutch postcode in iDIN's form "1234AB": whitespace removed and letters upper-cased, so "1234 AB", "1234ab" and
    /// " 1234  Ab " are equal. Null when it is not four digits (the first not 0) followed by two letters, which
    /// includes foreign postcodes.
    /// </summary>
    public static string? Postcode(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var compact = string.Concat(value.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        var valid = compact.Length == 6
            && compact[0] is >= '1' and <= '9'
            && char.IsAsciiDigit(compact[1]) && char.IsAsciiDigit(compact[2]) && char.IsAsciiDigit(compact[3])
            && char.IsAsciiLetterUpper(compact[4]) && char.IsAsciiLetterUpper(compact[5]);
        return valid ? compact : null;
    }

    /// <summary>
    /// House number as digits without leading zeros ("012" gives "12"; "0" stays "0"). Null when empty or not only
    /// digits: a suffix belongs in <see cref="Suffix"/>, never glued to the number.
    /// </summary>
    public static string? HouseNumber(string? value)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || !trimmed.All(char.IsAsciiDigit))
        {
            return null;
        }

        var withoutZeros = trimmed.TrimStart('0');
        return withoutZeros.Length == 0 ? "0" : withoutZeros;
    }

    /// <summary>
    /// House number suffix as upper-case letters and digits only: "-a", " A" and "a" give "A"; "bis" gives "BIS".
    /// Null or empty gives "", so a missing suffix on both sides is equal.
    /// </summary>
    public static string Suffix(string? value) => LettersAndDigits(value, keepDigits: true);

    /// <summary>
    /// Date of birth from iDIN's "19750314" or ISO "1975-03-14" (Avéro and some brokers). Null when it is neither or
    /// not a real date (iDIN may send 00 for an unknown month or day).
    /// </summary>
    public static DateOnly? DateOfBirth(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(value.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;
    }

    private static string LettersAndDigits(string? value, bool keepDigits)
    {
        var text = Text(value);
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetter(c) || (keepDigits && char.IsAsciiDigit(c)))
            {
                result.Append(char.ToUpperInvariant(c));
            }
        }

        return result.ToString();
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2018' or '\u2019' or '\u02BC' or '`';

    // Letters that Unicode does not decompose into a base letter plus a mark, but that people type without the
    // stroke or dot when their keyboard lacks them (Yılmaz/Yilmaz, Sørensen/Sorensen).
    private static void AppendFolded(StringBuilder result, char c)
    {
        switch (c)
        {
            case 'ı': result.Append('i'); break;
            case 'ø': result.Append('o'); break;
            case 'ł': result.Append('l'); break;
            case 'đ': result.Append('d'); break;
            case 'ß': result.Append("ss"); break;
            case 'æ': result.Append("ae"); break;
            case 'œ': result.Append("oe"); break;
            default: result.Append(c); break;
        }
    }
}
