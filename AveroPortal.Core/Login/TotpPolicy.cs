using System.Security.Cryptography;
using OtpNet;

namespace AveroPortal.Core.Login;

/// <summary>
/// RFC 6238 TOTP: HMAC-SHA1, 6 digits, 30 s steps, the current step ±1. Replay protection is the caller's job:
/// <see cref="Verify"/> returns the matched time step so the store can accept each step at most once.
/// ASP.NET Core Identity's provider is not used because it accepts ±2 steps and allows reuse.
/// </summary>
public sealed class TotpPolicy(TimeProvider clock)
{
    public const int StepSeconds = 30;
    public const int Digits = 6;
    public const int SecretBytes = 20; // 160 bits, RFC 4226's recommended length.
    public const string Issuer = "Avéro Achmea";

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    public long CurrentStep => StepAt(clock.GetUtcNow());

    /// <summary>The time step the code belongs to (current ±1), or null when it matches none.</summary>
    public long? Verify(byte[] secret, string? code)
    {
        var normalized = NormalizeCode(code);
        if (normalized is null)
        {
            return null;
        }

        var totp = new Totp(secret, StepSeconds, OtpHashMode.Sha1, Digits);
        var current = CurrentStep;
        long? match = null;
        // Check all three steps without stopping early, so timing does not tell which one matched. When a code
        // happens to be the same for two steps (one in a few hundred thousand), the latest one counts: the earlier
        // step may already be used, and the customer typed what the app shows now.
        for (var step = current - 1; step <= current + 1; step++)
        {
            var expected = totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds).UtcDateTime);
            if (CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(normalized)))
            {
                match = step;
            }
        }

        return match;
    }

    public static string ComputeCode(byte[] secret, DateTimeOffset time) =>
        new Totp(secret, StepSeconds, OtpHashMode.Sha1, Digits).ComputeTotp(time.UtcDateTime);

    /// <summary>Accepts "123456" and "123 456" (as apps show it); anything else is not a code.</summary>
    public static string? NormalizeCode(string? code)
    {
        if (code is null || code.Length > 20)
        {
            return null;
        }

        var digits = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
        return digits.Length == Digits && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    public static string ToBase32(byte[] secret) => Base32Encoding.ToString(secret);

    /// <summary>The key in groups of four for typing it into an app by hand.</summary>
    public static string Grouped(string base32) =>
        string.Join(' ', Enumerable.Range(0, (base32.Length + 3) / 4).Select(i => base32.Substring(i * 4, Math.Min(4, base32.Length - i * 4))));

    public static string OtpAuthUri(string base32, string email)
    {
        var label = Uri.EscapeDataString(Issuer) + ":" + Uri.EscapeDataString(email);
        return $"otpauth://totp/{label}?secret={base32}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
    }
}
