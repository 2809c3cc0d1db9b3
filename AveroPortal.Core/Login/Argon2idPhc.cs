using System.Globalization;

namespace AveroPortal.Core.Login;

/// <summary>
/// An Argon2id hash in the PHC string format, <c>$argon2id$v=19$m=19456,t=2,p=1$&lt;salt&gt;$&lt;hash&gt;</c> (base64
/// without padding), as libsodium, argon2-cffi and the reference implementation write it. Read strictly: exactly the
/// fields this portal writes (version 19, one lane, a 16-byte salt, a 32-byte hash, numbers without leading zeros,
/// canonical base64, costs within <see cref="PasswordHashingOptions"/>' bounds); anything else is not a hash.
/// </summary>
internal sealed record Argon2idPhc(int MemoryKiB, int Iterations, byte[] Salt, byte[] Hash)
{
    public const int SaltBytes = 16;
    public const int HashBytes = 32;

    private const string Prefix = "$argon2id$v=19$";

    public static bool TryParse(string? value, out Argon2idPhc phc)
    {
        phc = default!;
        if (value is null || value.Length > 200 || !value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = value[Prefix.Length..].Split('$');
        if (parts.Length != 3)
        {
            return false;
        }

        var costs = parts[0].Split(',');
        if (costs.Length != 3 || costs[2] != "p=1"
            || !TryNumber(costs[0], "m=", 8, PasswordHashingOptions.MaximumMemoryKiB, out var memory)
            || !TryNumber(costs[1], "t=", 1, PasswordHashingOptions.MaximumIterations, out var iterations)
            || !TryBase64(parts[1], SaltBytes, out var salt)
            || !TryBase64(parts[2], HashBytes, out var hash))
        {
            return false;
        }

        phc = new Argon2idPhc(memory, iterations, salt, hash);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}m={MemoryKiB},t={Iterations},p=1${Unpadded(Salt)}${Unpadded(Hash)}");

    private static string Unpadded(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryNumber(string field, string name, int min, int max, out int number)
    {
        number = 0;
        var digits = field.StartsWith(name, StringComparison.Ordinal) ? field[name.Length..] : "";
        return digits.Length is > 0 and <= 10 && digits.All(char.IsAsciiDigit) && (digits[0] != '0' || digits.Length == 1)
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= min && number <= max;
    }

    /// <summary>Standard alphabet, no padding, exactly the length of <paramref name="bytes"/> bytes, unused bits zero.</summary>
    private static bool TryBase64(string text, int bytes, out byte[] decoded)
    {
        decoded = [];
        if (text.Length != (bytes * 4 + 2) / 3 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
        {
            return false;
        }

        var padded = text + new string('=', (4 - text.Length % 4) % 4);
        var buffer = new byte[bytes + 2];
        if (!Convert.TryFromBase64String(padded, buffer, out var written) || written != bytes)
        {
            return false;
        }

        decoded = buffer[..bytes];
        // A different text that decodes to the same bytes (non-zero unused bits) is not what was written.
        return Unpadded(decoded) == text;
    }
}
