using AveroPortal.Core.Login;

namespace AveroPortal.Core.Factors;

/// <summary>
/// The password step for an address without an account: always wrong, after the same hashing work as a real
/// password (locked out or not), so that neither the answer nor the time taken tells whether the address has one.
/// </summary>
internal sealed class UnknownAddressFactor(PasswordHashing hashing, string password) : IFactor
{
    public FactorKind Kind => FactorKind.Password;

    public Task<FactorVerdict> VerifyAsync()
    {
        hashing.VerifyAgainstDummy(password);
        return Task.FromResult(FactorVerdict.Wrong);
    }

    public void WorkWhileLockedOut() => hashing.VerifyAgainstDummy(password);

    public string EventOutcome(FactorVerdict verdict) => LoginOutcomes.UnknownAccount;
}
