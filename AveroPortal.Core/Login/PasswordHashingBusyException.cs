namespace AveroPortal.Core.Login;

/// <summary>
/// Every turn at the password hasher stayed taken for the whole wait: the request is turned away before anything was
/// counted or stored, and the web app answers with its Dutch "te druk" page (503 with Retry-After).
/// </summary>
public sealed class PasswordHashingBusyException(TimeSpan waited)
    : Exception($"Alle {nameof(PasswordHashing)}-beurten bleven {waited.TotalMilliseconds:0} ms bezet.")
{
    public TimeSpan Waited { get; } = waited;
}
