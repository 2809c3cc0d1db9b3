namespace AveroPortal.Core.Factors;

public enum FactorKind
{
    Password,
    Authenticator,
    RecoveryCode,
    Passkey,
}
