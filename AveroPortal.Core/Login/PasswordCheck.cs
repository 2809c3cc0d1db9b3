namespace AveroPortal.Core.Login;

public enum PasswordCheck
{
    Failed,
    Success,
    SuccessRehashNeeded,
}
