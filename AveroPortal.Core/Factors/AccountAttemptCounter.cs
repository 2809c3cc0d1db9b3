using AveroPortal.Core.Login;

namespace AveroPortal.Core.Factors;

/// <summary>The lockout counter of an account.</summary>
internal sealed class AccountAttemptCounter(AccountRepository accounts, long accountId) : IAttemptCounter
{
    public Task<AttemptDecision> BeginAttemptAsync() => accounts.BeginAttemptAsync(accountId);

    public Task CompleteAsync(FactorCompletion completion) => completion == FactorCompletion.FirstFactor
        ? accounts.AfterFirstFactorAsync(accountId)
        : accounts.ResetFailuresAsync(accountId);
}
