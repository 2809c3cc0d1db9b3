namespace AveroPortal.Core.Colleagues;

/// <summary>One row of a company's append-only audit, as administrators and the Supportdesk see it.</summary>
public sealed record CompanyAuditEntry(long Id, long CompanyId, long At, string ActorKind, string ActorName, string Action,
    string? TargetEmail, string? ClientAddress);
