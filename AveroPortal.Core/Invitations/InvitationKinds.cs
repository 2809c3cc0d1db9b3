namespace AveroPortal.Core.Invitations;

internal static class InvitationKinds
{
    public const string AccountCreation = "account-creation";
    public const string Colleague = "colleague";
    public const string Staff = "staff";
}
