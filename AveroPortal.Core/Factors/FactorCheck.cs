using AveroPortal.Core.Login;
using AveroPortal.Core.Operations;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Core.Factors;

/// <summary>
/// The one home of the factor ritual, for the login, re-authentication and the authenticator replacement alike: the
/// attempt is counted on the account's lockout (or, for an address without an account, on that address's) before
/// anything is evaluated, a locked account is refused (with an event), the factors are checked in order and the first
/// that is wrong or replayed refuses the attempt (with its event, and the lock this attempt may have set), then an
/// optional claim, then the failures are reset.
/// </summary>
public sealed class FactorCheck(AccountRepository accounts, LoginEventRepository events, ILogger<FactorCheck>? logger = null)
{
    /// <param name="factors">Checked in this order; a later factor is not evaluated when an earlier one fails (a wrong password does not use up a code).</param>
    /// <param name="claim">After every factor was right: takes what they unlock (a pending login, a swap); false is <see cref="FactorOutcome.ClaimLost"/>.</param>
    public Task<FactorResult> CheckAsync(FactorAttempt attempt, IReadOnlyList<IFactor> factors,
        FactorCompletion completion = FactorCompletion.Complete, Func<Task<bool>>? claim = null) =>
        CheckAsync(attempt, new AccountAttemptCounter(accounts, attempt.AccountId
            ?? throw new ArgumentException("An account's factors need the account.", nameof(attempt))), factors, completion, claim);

    /// <param name="counter">The lockout counter the attempt is counted on (an account's, or an unknown address's).</param>
    internal async Task<FactorResult> CheckAsync(FactorAttempt attempt, IAttemptCounter counter, IReadOnlyList<IFactor> factors,
        FactorCompletion completion = FactorCompletion.Complete, Func<Task<bool>>? claim = null)
    {
        var decision = await counter.BeginAttemptAsync();
        if (!decision.Allowed)
        {
            foreach (var factor in factors)
            {
                factor.WorkWhileLockedOut();
            }

            await AddEventAsync(attempt, LoginOutcomes.LockedOut);
            return new FactorResult(FactorOutcome.LockedOut, LockedUntil: decision.LockedUntil);
        }

        foreach (var factor in factors)
        {
            var verdict = await factor.VerifyAsync();
            if (verdict != FactorVerdict.Right)
            {
                await AddEventAsync(attempt, factor.EventOutcome(verdict));
                if (decision.Next.LockoutEnd is not null)
                {
                    // This attempt set the lock (a locked counter never gets here).
                    PortalMetrics.Lockout(attempt.Method);
                    logger?.LogWarning(SecurityEvents.LockoutStarted, "Lockout started by a failed {Method} attempt for account {AccountId} (none: an address without an account)",
                        attempt.Method, attempt.AccountId);
                }

                return decision.Next.LockoutEnd is { } end
                    ? new FactorResult(FactorOutcome.LockedOut, LockedUntil: DateTimeOffset.FromUnixTimeSeconds(end))
                    : new FactorResult(FactorOutcome.Refused, RefusedBy: factor.Kind);
            }
        }

        if (claim is not null && !await claim())
        {
            return new FactorResult(FactorOutcome.ClaimLost);
        }

        await counter.CompleteAsync(completion);
        return new FactorResult(FactorOutcome.Accepted);
    }

    /// <summary>After <see cref="FactorOutcome.ClaimLost"/>, for a caller whose right proof should not count as a failure.</summary>
    public Task TakeBackAttemptAsync(long accountId) => accounts.AfterFirstFactorAsync(accountId);

    private Task AddEventAsync(FactorAttempt attempt, string outcome) =>
        events.AddAsync(attempt.AccountId, attempt.Portal, attempt.Method, outcome, attempt.Client);
}
