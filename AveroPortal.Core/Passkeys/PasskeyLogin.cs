using AveroPortal.Core.Factors;
using AveroPortal.Core.Login;

namespace AveroPortal.Core.Passkeys;

/// <summary>
/// Passwordless login with a discoverable passkey: the user handle names the account, the assertion is checked through
/// <see cref="FactorCheck"/> (counted on that account's lockout), and frozen, portal and revoked colleague are handled
/// like <see cref="PasswordLogin.CheckPasswordAsync"/> does after a right password. User verification is required,
/// so the passkey is multi-factor by itself (something held, and a PIN or biometric) and the login is complete.
/// </summary>
public sealed class PasskeyLogin(PasskeyCeremonies ceremonies, AccountRepository accounts, LoginEventRepository events, FactorCheck factorCheck)
{
    public async Task<PasskeyLoginResult> LogInAsync(string portal, string browserKey, string? challengeId, string? responseJson, ClientInfo client)
    {
        if (!Portals.IsValid(portal) || portal == Portals.Staff)
        {
            return new PasskeyLoginResult(PasskeyLoginOutcome.BadInput);
        }

        var (factor, credential, refusal) = await ceremonies.PasswordlessFactorAsync(browserKey, challengeId, responseJson);
        var account = credential is null ? null : await accounts.GetAsync(credential.AccountId);
        // A disabled account, or a staff account, answers like an unknown passkey; a colleague whose company ended
        // their access is told so, but only after a right assertion (below).
        if (account is not null && ((account.DisabledAt is not null && !IsRevokedColleague(account)) || account.IsStaff))
        {
            account = null;
        }

        if (refusal is { } early && early != PasskeyLoginOutcome.Refused)
        {
            return new PasskeyLoginResult(early);
        }

        if (factor is null || account is null)
        {
            await events.AddAsync(null, portal, LoginMethods.Passkey, LoginOutcomes.WrongPasskey, client);
            return new PasskeyLoginResult(PasskeyLoginOutcome.Refused);
        }

        var check = await factorCheck.CheckAsync(new FactorAttempt(account.Id, portal, LoginMethods.Passkey, client), [factor]);
        switch (check.Outcome)
        {
            case FactorOutcome.LockedOut:
                return new PasskeyLoginResult(PasskeyLoginOutcome.LockedOut, LockedUntil: check.LockedUntil);
            case FactorOutcome.Refused:
                return new PasskeyLoginResult(factor.CounterRegressed ? PasskeyLoginOutcome.CounterRegressed : PasskeyLoginOutcome.Refused);
        }

        if (account.IsFrozen)
        {
            await events.AddAsync(account.Id, portal, LoginMethods.Passkey, LoginOutcomes.Frozen, client);
            return new PasskeyLoginResult(PasskeyLoginOutcome.Frozen);
        }

        if (IsRevokedColleague(account))
        {
            await events.AddAsync(account.Id, portal, LoginMethods.Passkey, LoginOutcomes.AccessEnded, client);
            return new PasskeyLoginResult(PasskeyLoginOutcome.AccessEnded, account);
        }

        if (account.Portal != portal)
        {
            await events.AddAsync(account.Id, portal, LoginMethods.Passkey, LoginOutcomes.WrongPortal, client);
            return new PasskeyLoginResult(PasskeyLoginOutcome.WrongPortal, account);
        }

        await events.AddAsync(account.Id, portal, LoginMethods.Passkey, LoginOutcomes.Success, client);
        return new PasskeyLoginResult(PasskeyLoginOutcome.Accepted, account);
    }

    /// <summary>The same rule as PasswordLogin's: a business account disabled by a colleague of the same company.</summary>
    private static bool IsRevokedColleague(Account account) =>
        account.DisabledAt is not null && account.Portal == Portals.Business && account.CompanyId is not null;
}
