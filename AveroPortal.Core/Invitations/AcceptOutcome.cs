namespace AveroPortal.Core.Invitations;

public enum AcceptOutcome
{
    Created,
    InvalidLink,
    PasswordRejected,
    PasswordsDiffer,
    EmailTaken,
    BadInput,
}
