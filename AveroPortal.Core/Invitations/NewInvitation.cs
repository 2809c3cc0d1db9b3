namespace AveroPortal.Core.Invitations;

/// <param name="AccountId">For a re-activation: the revoked account the link re-enables.</param>
public sealed record NewInvitation(string Kind, string Email, string DisplayName, string Portal, long? CustomerId, long? CompanyId, string? Role, long? CreatedBy,
    long? AccountId = null);
