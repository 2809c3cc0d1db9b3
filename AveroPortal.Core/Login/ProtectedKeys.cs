using System.Security.Cryptography;
using AveroPortal.Core.Data;
using Dapper;
using Microsoft.AspNetCore.DataProtection;

namespace AveroPortal.Core.Login;

/// <summary>
/// Random 256-bit keys that every instance of a scaled-out portal shares, kept in the database only in their Data
/// Protection form: a copy of the database alone does not give them (the key ring lives next to the SQLite file, or
/// in PostgreSQL's data_protection_keys, see the README). The first instance to need a key creates it; the others
/// read the same row.
/// </summary>
public sealed class ProtectedKeys(Db db, IDataProtectionProvider protection, TimeProvider clock)
{
    private readonly IDataProtector _protector = protection.CreateProtector("AveroPortal.ProtectedKeys.v1");

    public async Task<byte[]> GetOrCreateAsync(string purpose)
    {
        const string read = "SELECT key_protected FROM protected_keys WHERE purpose = @Purpose";
        const string insert = """
            INSERT INTO protected_keys (purpose, key_protected, created_at) VALUES (@Purpose, @KeyProtected, @Now)
            ON CONFLICT (purpose) DO NOTHING
            """;
        const string replace = "UPDATE protected_keys SET key_protected = @KeyProtected, created_at = @Now WHERE purpose = @Purpose AND key_protected = @Old";
        await using var connection = await db.OpenAsync();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var stored = await connection.QuerySingleOrDefaultAsync<string>(read, new { Purpose = purpose });
            if (stored is null)
            {
                await connection.ExecuteAsync(insert, new { Purpose = purpose, KeyProtected = NewProtectedKey(), Now = Now() });
                continue;
            }

            try
            {
                return _protector.Unprotect(Convert.FromBase64String(stored));
            }
            catch (CryptographicException)
            {
                // The key ring that protected it is gone. Most keys here guard short-lived records (see
                // UnknownAddressAttempts), so a new key loses nothing that matters; every instance switches to it. The
                // recovery-code key is long-lived, but a lost ring has lost every authenticator secret too: those
                // accounts enroll again, and get a new set of recovery codes with it.
                await connection.ExecuteAsync(replace, new { Purpose = purpose, KeyProtected = NewProtectedKey(), Now = Now(), Old = stored });
            }
        }

        throw new InvalidOperationException($"The key '{purpose}' could not be read or created.");
    }

    private string NewProtectedKey() => Convert.ToBase64String(_protector.Protect(RandomNumberGenerator.GetBytes(32)));

    private long Now() => clock.GetUtcNow().ToUnixTimeSeconds();
}
