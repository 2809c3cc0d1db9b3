using System.Collections.Concurrent;
using AveroPortal.Benchmarks.Portal;
using AveroPortal.Core.Login;

namespace AveroPortal.Benchmarks.Login;

/// <summary>
/// Accounts for logins. The portal accepts each 30-second TOTP step once per account, so an account comes back only
/// after the step it was used in has passed; fresh accounts fill the gap.
/// </summary>
internal sealed class AccountPool(BenchmarkPortal portal, IEnumerable<BenchmarkAccount> fresh)
{
    private readonly ConcurrentQueue<BenchmarkAccount> _fresh = new(fresh);
    private readonly ConcurrentQueue<(BenchmarkAccount Account, long Step)> _used = new();
    private int _createdDuringRun;

    public int CreatedDuringRun => _createdDuringRun;

    public async Task<BenchmarkAccount> TakeAsync()
    {
        var now = TotpPolicy.StepAt(DateTimeOffset.UtcNow);
        if (_used.TryPeek(out var head) && head.Step < now && _used.TryDequeue(out var used))
        {
            if (used.Step < now)
            {
                return used.Account;
            }

            _used.Enqueue(used);
        }

        if (_fresh.TryDequeue(out var account))
        {
            return account;
        }

        Interlocked.Increment(ref _createdDuringRun);
        return await portal.CreateAccountAsync();
    }

    /// <summary>Call after the code step: the step is taken at the end, so it is never earlier than the one accepted.</summary>
    public void Return(BenchmarkAccount account) => _used.Enqueue((account, TotpPolicy.StepAt(DateTimeOffset.UtcNow)));
}
