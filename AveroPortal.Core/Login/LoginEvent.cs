namespace AveroPortal.Core.Login;

public sealed record LoginEvent(long Id, long? AccountId, string Portal, string Method, string Outcome, long OccurredAt, string? RemoteIp, string? UserAgent);
