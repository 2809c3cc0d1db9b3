using System.Security.Cryptography;
using System.Text;
using AveroPortal.Core.Data;

namespace AveroPortal.Core.Login;

/// <summary>
/// Lockout counters for addresses that have no account that can log in where they are tried: unknown addresses,
/// disabled accounts, a staff address at a customer portal and a customer's at the staff login. They count, lock and
/// expire by <see cref="LockoutPolicy"/> exactly like an account, so five wrong passwords answer "tijdelijk
/// geblokkeerd" whether or not the address has an account. The row is keyed by HMAC-SHA256 of the realm and the
/// normalized address under a key that is not in the database in plain form (<see cref="ProtectedKeys"/>): the table
/// does not list who was tried. The realms mirror the accounts: one counter per customer account for both customer
/// portals, a separate one at the staff login.
/// </summary>
public sealed class UnknownAddressAttempts(Db db, LockoutPolicy lockout, ProtectedKeys keys, TimeProvider clock)
{
    private const string KeyPurpose = "unknown-address-attempts";
    private readonly SemaphoreSlim _keyLock = new(1, 1);
    private byte[]? _key;

    private static readonly LockoutCounterSql Counter = new(
        Read: """
            SELECT failed_count AS FailedCount, lockout_end AS LockoutEnd, last_failed_at AS LastFailedAt
            FROM unknown_address_attempts WHERE address_hash = @AddressHash
            """,
        Write: """
            UPDATE unknown_address_attempts
            SET failed_count = @NewCount, lockout_end = @NewEnd, last_failed_at = @NewLast, expires_at = @ExpiresAt
            WHERE address_hash = @AddressHash AND failed_count = @OldCount AND COALESCE(lockout_end, -1) = @OldEnd
              AND COALESCE(last_failed_at, -1) = @OldLast
            """,
        Insert: """
            INSERT INTO unknown_address_attempts (address_hash, failed_count, lockout_end, last_failed_at, expires_at)
            VALUES (@AddressHash, @NewCount, @NewEnd, @NewLast, @ExpiresAt)
            ON CONFLICT (address_hash) DO NOTHING
            """);

    /// <summary>Counts the attempt before anything is checked, as <see cref="AccountRepository.BeginAttemptAsync"/> does.</summary>
    public async Task<AttemptDecision> BeginAttemptAsync(string portal, string email)
    {
        var now = clock.GetUtcNow();
        var hash = await HashAsync(portal, email);
        await using var connection = await db.OpenAsync();
        return await LockoutCounter.UpdateAsync(connection, Counter, new { AddressHash = hash },
            state => lockout.BeginAttempt(state, now), decision => decision.Allowed ? decision.Next : null);
    }

    /// <summary>The stored key of an address at a portal.</summary>
    internal async Task<string> HashAsync(string portal, string email)
    {
        var realm = portal == Portals.Staff ? "staff" : "customer";
        var input = Encoding.UTF8.GetBytes(realm + "\n" + LoginInput.NormalizeEmail(email));
        return Convert.ToHexString(HMACSHA256.HashData(await KeyAsync(), input));
    }

    private async Task<byte[]> KeyAsync()
    {
        if (Volatile.Read(ref _key) is { } cached)
        {
            return cached;
        }

        await _keyLock.WaitAsync();
        try
        {
            return _key ??= await keys.GetOrCreateAsync(KeyPurpose);
        }
        finally
        {
            _keyLock.Release();
        }
    }
}
