namespace AveroPortal.Core.Login;

public sealed record AuthenticatorBinding(long AccountId, string SecretProtected, long CreatedAt, long? EnrolledAt, long? LastAcceptedStep)
{
    public bool IsEnrolled => EnrolledAt is not null;
}
