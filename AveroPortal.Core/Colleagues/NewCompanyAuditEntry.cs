namespace AveroPortal.Core.Colleagues;

/// <summary>A row to append to the company audit; the moment is the repository's clock.</summary>
public sealed record NewCompanyAuditEntry(
    long CompanyId, string ActorKind, long? ActorAccountId, long? ActorStaffId, string ActorName, string Action,
    long? TargetAccountId, long? TargetInvitationId, string? TargetEmail, string? ClientAddress);
