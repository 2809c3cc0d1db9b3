using System.Security.Cryptography;
using System.Text;

namespace AveroPortal.Core.Recovery;

/// <summary>
/// The shape of recovery codes: 24 Crockford base32 characters (120 bits from a CSPRNG), shown as six groups of four.
/// 120 bits is above ASVS 5.0 6.5.2's 112-bit line, so a keyed hash (HMAC-SHA256, see <see cref="RecoveryCodeSet"/>) is
/// an allowed way to store them: guessing one is out of reach even with the stored hashes and the key, so the slow,
/// salted password hash that shorter codes need would only cost time at every login.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    public const int Length = 24;
    public const int GroupLength = 4;

    /// <summary>Crockford's alphabet: no I, L, O or U, so nothing reads as another character.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Bits of entropy per code: 5 per character.</summary>
    public const int EntropyBits = Length * 5;

    /// <summary>A new set of <see cref="Count"/> distinct codes, normalised (no separators).</summary>
    public static IReadOnlyList<string> Generate()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < Count)
        {
            codes.Add(RandomNumberGenerator.GetString(Alphabet, Length));
        }

        return [.. codes];
    }

    /// <summary>"ABCD-EFGH-..." for the customer to read, copy or print.</summary>
    public static string Grouped(string normalised) =>
        string.Join('-', normalised.Chunk(GroupLength).Select(group => new string(group)));

    /// <summary>
    /// What the customer typed, as stored: case-insensitive, spaces and dashes ignored, I and L read as 1 and O as 0
    /// (Crockford's own decoding rule). Null when it can not be a code (wrong length or another character).
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrEmpty(typed) || typed.Length > 64)
        {
            return null;
        }

        var normalised = new StringBuilder(Length);
        foreach (var c in typed)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c) switch
            {
                'I' or 'L' => '1',
                'O' => '0',
                var other => other,
            };
            if (!Alphabet.Contains(upper, StringComparison.Ordinal))
            {
                return null;
            }

            normalised.Append(upper);
        }

        return normalised.Length == Length ? normalised.ToString() : null;
    }
}
