namespace AveroPortal.Core.Support;

public sealed record AuditEntry(
    long Id, long AgentAccountId, string AgentEmail, long OccurredAt, long? TargetAccountId, long? TargetCustomerId,
    string TargetDescription, string Action, string Verification, string Reason, string Outcome, string? RemoteIp);
