using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AveroPortal.Blazor.Operations;

/// <summary>
/// The Data Protection key ring can be read from its store right now (the folder next to SQLite, or PostgreSQL) and
/// holds a usable key: without it no sign-in cookie, anti-forgery token or authenticator secret opens.
/// </summary>
internal sealed class KeyRingHealthCheck(IDataProtectionProvider protection, IKeyManager keys, TimeProvider clock) : IHealthCheck
{
    private static readonly byte[] Probe = [1, 2, 3, 4];

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // The round trip creates the first key on a brand-new ring; the ring it uses is cached, so the store itself
        // is read again below.
        var protector = protection.CreateProtector("AveroPortal.Health");
        if (!protector.Unprotect(protector.Protect(Probe)).AsSpan().SequenceEqual(Probe))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the key ring does not round-trip"));
        }

        var now = clock.GetUtcNow();
        var usable = keys.GetAllKeys().Any(key => !key.IsRevoked && key.ActivationDate <= now && key.ExpirationDate > now);
        return Task.FromResult(usable ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("no usable key in the key store"));
    }
}
