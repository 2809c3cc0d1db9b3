namespace AveroPortal.Core.Support;

public sealed record AuditFilter(string? AgentEmail = null, string? Action = null, DateOnly? From = null, DateOnly? To = null, long? TargetAccountId = null);
