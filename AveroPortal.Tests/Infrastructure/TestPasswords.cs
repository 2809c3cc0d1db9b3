using AveroPortal.Core.Login;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AveroPortal.Tests.Infrastructure;

/// <summary>
/// Hashing is slow on purpose (Argon2id at OWASP's m = 19 MiB, t = 2), so the tests share one hasher and one ready-made
/// hash instead of paying for them in every test. <see cref="Pbkdf2Hash"/> makes a hash as the portal stored them
/// before issue 16 (ASP.NET Core Identity v3, PBKDF2-HMAC-SHA512).
/// </summary>
internal static class TestPasswords
{
    public const string Right = "paarden eten graag wortels";
    public const string Wrong = "paarden eten graag appels";

    public static readonly PasswordHashing Hashing = new(PasswordHashingOptions.Default);

    public static readonly string RightHash = Hashing.HashAsync(Right).GetAwaiter().GetResult();

    /// <summary>A hasher of another cost or gate (the caller disposes it).</summary>
    public static PasswordHashing HashingWith(int memoryKiB = PasswordHashingOptions.MinimumMemoryKiB, int iterations = PasswordHashingOptions.MinimumIterations,
        int maxConcurrent = 4, int maxWaitMilliseconds = 5000) =>
        new(new PasswordHashingOptions(memoryKiB, iterations, maxConcurrent, TimeSpan.FromMilliseconds(maxWaitMilliseconds)));

    /// <summary>A hash as the portal stored it before Argon2id: Identity v3, PBKDF2-HMAC-SHA512.</summary>
    public static string Pbkdf2Hash(string password, int iterations = 210_000) =>
        new PasswordHasher<object>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = iterations,
        })).HashPassword(new object(), password);

    /// <summary>The synchronous check most tests need, in a turn of its own.</summary>
    public static PasswordCheck Verify(string hash, string password) => Hashing.VerifyAsync(hash, password).GetAwaiter().GetResult();
}
