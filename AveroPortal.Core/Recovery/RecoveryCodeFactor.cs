using AveroPortal.Core.Factors;
using AveroPortal.Core.Login;

namespace AveroPortal.Core.Recovery;

/// <summary>
/// A recovery code instead of an authenticator code. Checking is spending: the conditional UPDATE either uses an unused
/// code of this account or matches nothing, so a used code is refused like a wrong one (and counts on the lockout).
/// </summary>
internal sealed class RecoveryCodeFactor(Func<Task<bool>> trySpend) : IFactor
{
    public FactorKind Kind => FactorKind.RecoveryCode;

    public async Task<FactorVerdict> VerifyAsync() => await trySpend() ? FactorVerdict.Right : FactorVerdict.Wrong;

    public void WorkWhileLockedOut()
    {
    }

    public string EventOutcome(FactorVerdict verdict) => LoginOutcomes.WrongRecoveryCode;
}
