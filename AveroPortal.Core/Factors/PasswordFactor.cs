using AveroPortal.Core.Login;

namespace AveroPortal.Core.Factors;

/// <param name="slot">The caller's turn at the hasher, taken before the attempt is counted (a "te druk" answer counts nothing).</param>
/// <param name="evenTimeWhileLockedOut">Hash a dummy while locked out, so that the lock does not answer faster (the login's password step).</param>
internal sealed class PasswordFactor(HashingSlot slot, string passwordHash, string password, bool evenTimeWhileLockedOut = false) : IFactor
{
    public FactorKind Kind => FactorKind.Password;

    /// <summary>Right, with a hash of older parameters: the caller may store a new one.</summary>
    public bool NeedsRehash { get; private set; }

    public Task<FactorVerdict> VerifyAsync()
    {
        var check = slot.Verify(passwordHash, password);
        NeedsRehash = check == PasswordCheck.SuccessRehashNeeded;
        return Task.FromResult(check == PasswordCheck.Failed ? FactorVerdict.Wrong : FactorVerdict.Right);
    }

    public void WorkWhileLockedOut()
    {
        if (evenTimeWhileLockedOut)
        {
            slot.VerifyAgainstDummy(password);
        }
    }

    public string EventOutcome(FactorVerdict verdict) => LoginOutcomes.WrongPassword;
}
