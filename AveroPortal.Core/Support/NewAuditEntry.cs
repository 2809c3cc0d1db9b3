namespace AveroPortal.Core.Support;

public sealed record NewAuditEntry(
    long AgentAccountId, string AgentEmail, long? TargetAccountId, long? TargetCustomerId, string TargetDescription,
    string Action, string Verification, string Reason, string Outcome, string? RemoteIp);
