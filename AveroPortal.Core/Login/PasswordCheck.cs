namespace AveroPortal.Core.Login;

/// <summary>A password against its stored hash; <see cref="SuccessRehashNeeded"/> is right, with a hash of older parameters.</summary>
public enum PasswordCheck
{
    Failed,
    Success,
    SuccessRehashNeeded,
}
