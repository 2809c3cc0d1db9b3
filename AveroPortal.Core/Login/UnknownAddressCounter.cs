using AveroPortal.Core.Factors;

namespace AveroPortal.Core.Login;

/// <summary>The lockout counter of an address that has no account that can log in where it is tried.</summary>
internal sealed class UnknownAddressCounter(UnknownAddressAttempts attempts, string portal, string email) : IAttemptCounter
{
    public Task<AttemptDecision> BeginAttemptAsync() => attempts.BeginAttemptAsync(portal, email);

    // Its only factor (UnknownAddressFactor) is never right, so nothing ever completes on this counter.
    public Task CompleteAsync(FactorCompletion completion) =>
        throw new InvalidOperationException("An address without an account has no factor that can be right.");
}
