using System.Data.Common;
using Dapper;

namespace AveroPortal.Core.Login;

/// <summary>
/// Compare-and-swap on a lockout counter: the update only lands when nobody changed the state since it was read,
/// which keeps parallel attempts exact on SQLite and PostgreSQL alike. The one home of that loop, for accounts and for
/// addresses without one.
/// </summary>
internal static class LockoutCounter
{
    public static async Task<T> UpdateAsync<T>(
        DbConnection connection, LockoutCounterSql sql, object key, Func<LockoutState, T> decide, Func<T, LockoutState?> nextState)
    {
        for (var attempt = 0; ; attempt++)
        {
            var row = await connection.QuerySingleOrDefaultAsync<CounterRow>(sql.Read, key);
            if (row is null && sql.Insert is null)
            {
                throw new InvalidOperationException("The lockout counter does not exist.");
            }

            var state = row is null ? LockoutPolicy.Succeeded : new LockoutState((int)row.FailedCount, row.LockoutEnd, row.LastFailedAt);
            var result = decide(state);
            if (nextState(result) is not { } next || (next == state && row is not null))
            {
                return result;
            }

            var parameters = new DynamicParameters(key);
            parameters.Add("NewCount", next.FailedCount);
            parameters.Add("NewEnd", next.LockoutEnd);
            parameters.Add("NewLast", next.LastFailedAt);
            parameters.Add("ExpiresAt", LockoutPolicy.ForgetsAt(next));
            parameters.Add("OldCount", state.FailedCount);
            parameters.Add("OldEnd", state.LockoutEnd ?? -1);
            parameters.Add("OldLast", state.LastFailedAt ?? -1);
            if (await connection.ExecuteAsync(row is null ? sql.Insert! : sql.Write, parameters) == 1)
            {
                return result;
            }

            if (attempt > 1000)
            {
                throw new InvalidOperationException("The lockout counter could not be updated.");
            }
        }
    }

    private sealed record CounterRow(long FailedCount, long? LockoutEnd, long? LastFailedAt);
}
