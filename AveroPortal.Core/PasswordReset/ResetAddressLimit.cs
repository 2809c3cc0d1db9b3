using System.Security.Cryptography;
using System.Text;
using AveroPortal.Core.Login;

namespace AveroPortal.Core.PasswordReset;

/// <summary>
/// At most <see cref="MaxPerHour"/> reset requests per address per hour, counted in the database (so it holds across
/// instances) for every address alike, with or without an account. Keyed by HMAC-SHA256 of the normalized address
/// under a shared random key (<see cref="ProtectedKeys"/>): the table does not list who asked.
/// </summary>
internal sealed class ResetAddressLimit(PasswordResetRepository resets, ProtectedKeys keys)
{
    public const int MaxPerHour = 3;
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private const string KeyPurpose = "password-reset-addresses";
    private readonly SemaphoreSlim _keyLock = new(1, 1);
    private byte[]? _key;

    /// <summary>Counts this request; true while the address is within its limit.</summary>
    public async Task<bool> TryCountAsync(string email)
    {
        var hash = Convert.ToHexString(HMACSHA256.HashData(await KeyAsync(), Encoding.UTF8.GetBytes(LoginInput.NormalizeEmail(email))));
        return await resets.CountRequestAsync(hash, Window) <= MaxPerHour;
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
