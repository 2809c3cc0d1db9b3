namespace AveroPortal.Core.Invitations;

public sealed record NewInvitation(string Kind, string Email, string DisplayName, string Portal, long? CustomerId, long? CompanyId, string? Role, long? CreatedBy);
