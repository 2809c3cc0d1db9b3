namespace AveroPortal.Core.Invitations;

public sealed record Invitation(
    long Id, string Kind, string Email, string DisplayName, string Portal, long? CustomerId, long? CompanyId, string? Role,
    long? CreatedBy, long CreatedAt, long ExpiresAt, long? UsedAt, long? RevokedAt, long? AccountId);
