using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AveroPortal.Core.Login;

/// <summary>
/// ASP.NET Core Identity's PasswordHasher (PBKDF2-HMAC-SHA512, format v3) at OWASP's 210,000 iterations or more.
/// A stored hash with fewer iterations verifies and asks for a rehash.
/// </summary>
public sealed class PasswordHashing
{
    public const int MinimumIterations = 210_000;

    private static readonly object User = new();
    private readonly PasswordHasher<object> _hasher;
    private readonly string _dummyHash;

    public PasswordHashing(int iterations = MinimumIterations)
    {
        if (iterations < MinimumIterations)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), $"At least {MinimumIterations} PBKDF2 iterations are required.");
        }

        Iterations = iterations;
        _hasher = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = iterations,
        }));
        _dummyHash = _hasher.HashPassword(User, "dummy password for unknown accounts");
    }

    public int Iterations { get; }

    public string Hash(string password)
    {
        using var timing = Operations.PortalMetrics.TimePasswordHash("hash"); // metrics: the avero_password_hash_duration_seconds histogram
        return _hasher.HashPassword(User, password);
    }

    public PasswordCheck Verify(string hash, string password)
    {
        using var timing = Operations.PortalMetrics.TimePasswordHash("verify"); // metrics
        return _hasher.VerifyHashedPassword(User, hash, password) switch
        {
            PasswordVerificationResult.Success => PasswordCheck.Success,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
            _ => PasswordCheck.Failed,
        };
    }

    /// <summary>Spends the same work as a real check, so an unknown e-mail address takes as long as a wrong password.</summary>
    public void VerifyAgainstDummy(string password)
    {
        using var timing = Operations.PortalMetrics.TimePasswordHash("dummy"); // metrics
        _hasher.VerifyHashedPassword(User, _dummyHash, password);
    }
}
