using Microsoft.AspNetCore.DataProtection;

namespace AveroPortal.Core.Login;

/// <summary>Encrypts authenticator secrets at rest with Data Protection; losing the key ring loses every binding.</summary>
public sealed class AuthenticatorSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("AveroPortal.Authenticator.v1");

    public string Protect(byte[] secret) => _protector.Protect(Convert.ToBase64String(secret));

    public byte[] Unprotect(string protectedSecret) => Convert.FromBase64String(_protector.Unprotect(protectedSecret));
}
