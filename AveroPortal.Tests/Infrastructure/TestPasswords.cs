using System.Buffers.Binary;
using AveroPortal.Core.Login;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AveroPortal.Tests.Infrastructure;

/// <summary>
/// Hashing is slow on purpose (210,000 PBKDF2 rounds), so the tests share one hasher and one ready-made hash
/// instead of paying for them in every test.
/// </summary>
internal static class TestPasswords
{
    public const string Right = "paarden eten graag wortels";
    public const string Wrong = "paarden eten graag appels";

    public static readonly PasswordHashing Hashing = new(PasswordHashing.MinimumIterations);

    public static readonly string RightHash = Hashing.Hash(Right);

    /// <summary>A hash as an older configuration would have stored it.</summary>
    public static string HashWithIterations(string password, int iterations) =>
        new PasswordHasher<object>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = iterations,
        })).HashPassword(new object(), password);

    /// <summary>The header of an Identity v3 hash: format marker, PRF and iteration count (big-endian).</summary>
    public static (byte Format, uint Prf, uint Iterations, uint SaltLength) Header(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        return (bytes[0],
            BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1, 4)),
            BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4)),
            BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9, 4)));
    }
}
