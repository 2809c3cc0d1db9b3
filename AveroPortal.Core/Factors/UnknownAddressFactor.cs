using AveroPortal.Core.Login;

namespace AveroPortal.Core.Factors;

/// <summary>
/// The password step for an address without an account: always wrong, after the same hashing work as a real
/// password (locked out or not), so that neither the answer nor the time taken tells whether the address has one.
/// </summary>
/// <param name="slot">The caller's turn at the hasher, taken before the attempt is counted, as for <see cref="PasswordFactor"/>.</param>
internal sealed class UnknownAddressFactor(HashingSlot slot, string password) : IFactor
{
    public FactorKind Kind => FactorKind.Password;

    public Task<FactorVerdict> VerifyAsync()
    {
        slot.VerifyAgainstDummy(password);
        return Task.FromResult(FactorVerdict.Wrong);
    }

    public void WorkWhileLockedOut() => slot.VerifyAgainstDummy(password);

    public string EventOutcome(FactorVerdict verdict) => LoginOutcomes.UnknownAccount;
}
