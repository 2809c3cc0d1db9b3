namespace AveroPortal.Core.Passkeys;

/// <summary>A stored credential (see migration 0013). Ids and keys are base64url; times are Unix seconds.</summary>
internal sealed record PasskeyCredential(
    long Id,
    long AccountId,
    string CredentialId,
    string UserHandle,
    string PublicKey,
    long SignCount,
    string? Transports,
    string Aaguid,
    string Name,
    long CreatedAt,
    long? LastUsedAt,
    long? CounterRegressedAt)
{
    public PasskeySummary Summary => new(Id, Name, DateTimeOffset.FromUnixTimeSeconds(CreatedAt),
        LastUsedAt is { } used ? DateTimeOffset.FromUnixTimeSeconds(used) : null, CounterRegressedAt is not null);
}

/// <summary>A verified registration, ready to store.</summary>
internal sealed record NewPasskeyCredential(long AccountId, string CredentialId, string UserHandle, string PublicKey, long SignCount,
    string? Transports, string Aaguid, string Name);
