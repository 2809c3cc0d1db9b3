using AveroPortal.Core.Login;

namespace AveroPortal.Core.Factors;

/// <summary>
/// The lockout counter an attempt is counted on: an account's, or that of an address without one, so that
/// <see cref="FactorCheck"/> counts and locks both the same way.
/// </summary>
internal interface IAttemptCounter
{
    /// <summary>Counts the attempt before anything is checked.</summary>
    Task<AttemptDecision> BeginAttemptAsync();

    /// <summary>After every factor was right.</summary>
    Task CompleteAsync(FactorCompletion completion);
}
