namespace AveroPortal.Core.Invitations;

public static class InvitationKinds
{
    public const string AccountCreation = "account-creation";
    public const string Colleague = "colleague";
    public const string Staff = "staff";

    /// <summary>Re-enables a revoked colleague's own account (invitations.account_id) with a new password and authenticator.</summary>
    public const string Reactivation = "colleague-reactivation";
}
