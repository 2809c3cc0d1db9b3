namespace AveroPortal.Core.Login;

/// <summary>A password step that succeeded and waits for its code or enrollment (see migration 0007).</summary>
public sealed record PendingLogin(long AccountId, string Portal, string SecurityStamp, string? ReturnUrl, long ExpiresAt);
