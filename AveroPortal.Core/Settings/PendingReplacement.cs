namespace AveroPortal.Core.Settings;

/// <summary>A new authenticator secret waiting for its first code (see migration 0005).</summary>
public sealed record PendingReplacement(long AccountId, string SessionId, string SecretProtected, string CurrentSecretHash, long CreatedAt, long ExpiresAt);
