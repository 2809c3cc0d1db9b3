using AveroPortal.Core.Login;

namespace AveroPortal.Core.Factors;

/// <summary>A code of an authenticator app.</summary>
/// <param name="spend">
/// Spends the matched time step once (accepting or confirming it on the binding); false means it was used before.
/// Null when the step is spent by the check's claim (see <see cref="Step"/>).
/// </param>
internal sealed class AuthenticatorFactor(TotpPolicy totp, AuthenticatorSecrets secrets, string secretProtected, string? code,
    Func<long, Task<bool>>? spend) : IFactor
{
    public FactorKind Kind => FactorKind.Authenticator;

    /// <summary>The time step the code matched, once verified.</summary>
    public long? Step { get; private set; }

    public async Task<FactorVerdict> VerifyAsync()
    {
        Step = totp.Verify(secrets.Unprotect(secretProtected), code);
        if (Step is not { } step)
        {
            return FactorVerdict.Wrong;
        }

        return spend is null || await spend(step) ? FactorVerdict.Right : FactorVerdict.Replayed;
    }

    public void WorkWhileLockedOut()
    {
    }

    public string EventOutcome(FactorVerdict verdict) =>
        verdict == FactorVerdict.Replayed ? LoginOutcomes.ReplayedCode : LoginOutcomes.WrongCode;
}
