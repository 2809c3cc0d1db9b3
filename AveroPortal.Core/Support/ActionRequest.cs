namespace AveroPortal.Core.Support;

/// <summary>How the agent verified the caller and why they act; both are required and go into the audit log.</summary>
public sealed record ActionRequest(string? Verification, string? Reason, string? RemoteIp);
