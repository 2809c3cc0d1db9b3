using AveroPortal.Core.Factors;
using AveroPortal.Core.Login;

namespace AveroPortal.Core.Settings;

/// <summary>
/// Proves again, inside a session, that the customer holds their factors before one of them changes: the password
/// (when asked) and a fresh authenticator code, through the login's own <see cref="FactorCheck"/>. The code is
/// accepted through the same once-only step as a login (so a code used to log in fails here and the other way round),
/// and every check is an attempt on the account's lockout counter, counted before it is evaluated.
/// </summary>
public sealed class Reauthentication(
    AuthenticatorRepository authenticators,
    AuthenticatorSecrets secrets,
    PasswordHashing hashing,
    TotpPolicy totp,
    FactorCheck factorCheck)
{
    /// <param name="password">The current password, or null when only the code is asked.</param>
    /// <param name="code">A well-formed code (see <see cref="LoginInput.CheckCode"/>).</param>
    /// <returns><see cref="FactorOutcome.Unavailable"/> without an enrolled authenticator (the Supportdesk unlinked it meanwhile).</returns>
    public async Task<FactorResult> CheckAsync(Account account, string? password, string code, string method, ClientInfo client)
    {
        if (password is null)
        {
            return await CheckAsync(account, factor: null, code, method, client);
        }

        using var slot = await hashing.EnterAsync();
        return await CheckAsync(account, slot, password, code, method, client);
    }

    /// <summary>As above with the password, in a turn at the hasher the caller took before anything was counted (and may hash a new password in).</summary>
    public Task<FactorResult> CheckAsync(Account account, HashingSlot slot, string password, string code, string method, ClientInfo client) =>
        CheckAsync(account, new PasswordFactor(slot, account.PasswordHash, password), code, method, client);

    private async Task<FactorResult> CheckAsync(Account account, PasswordFactor? factor, string code, string method, ClientInfo client)
    {
        var binding = await authenticators.GetAsync(account.Id);
        if (binding is not { IsEnrolled: true })
        {
            return FactorResult.Unavailable;
        }

        var factors = new List<IFactor>();
        // The password first: a wrong one does not use up the customer's code.
        if (factor is not null)
        {
            factors.Add(factor);
        }

        factors.Add(new AuthenticatorFactor(totp, secrets, binding.SecretProtected, code, step => authenticators.TryAcceptStepAsync(account.Id, step)));
        return await factorCheck.CheckAsync(new FactorAttempt(account.Id, account.Portal, method, client), factors);
    }
}
