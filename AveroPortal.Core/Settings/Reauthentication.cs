using AveroPortal.Core.Login;

namespace AveroPortal.Core.Settings;

/// <summary>Login events of the settings pages; they show up in the customer's login history next to real logins.</summary>
public static class SettingsEvents
{
    public const string PasswordChangeMethod = "settings-password";
    public const string AuthenticatorReplacementMethod = "settings-authenticator";

    public const string PasswordChanged = "password-changed";
    public const string AuthenticatorReplaced = "authenticator-replaced";
}

public enum ReauthOutcome
{
    Accepted,
    WrongPassword,
    InvalidCode,
    LockedOut,
    /// <summary>No enrolled authenticator (the Supportdesk unlinked it meanwhile).</summary>
    NotEnrolled,
}

public sealed record ReauthResult(ReauthOutcome Outcome, DateTimeOffset? LockedUntil = null);

/// <summary>
/// Proves again, inside a session, that the customer holds their factors before one of them changes: the password
/// (when asked) and a fresh authenticator code. It is the login's own check: the code is accepted through the same
/// once-only step as a login (so a code used to log in fails here and the other way round), and every check is an
/// attempt on the account's lockout counter, counted before it is evaluated.
/// </summary>
public sealed class Reauthentication(
    AccountRepository accounts,
    AuthenticatorRepository authenticators,
    LoginEventRepository events,
    AuthenticatorSecrets secrets,
    PasswordHashing hashing,
    TotpPolicy totp)
{
    /// <param name="password">The current password, or null when only the code is asked.</param>
    /// <param name="code">A well-formed code (see <see cref="LoginInput.CheckCode"/>).</param>
    public async Task<ReauthResult> CheckAsync(Account account, string? password, string code, string method, ClientInfo client)
    {
        var binding = await authenticators.GetAsync(account.Id);
        if (binding is not { IsEnrolled: true })
        {
            return new ReauthResult(ReauthOutcome.NotEnrolled);
        }

        var attempt = await accounts.BeginAttemptAsync(account.Id);
        if (!attempt.Allowed)
        {
            await events.AddAsync(account.Id, account.Portal, method, LoginOutcomes.LockedOut, client);
            return new ReauthResult(ReauthOutcome.LockedOut, attempt.LockedUntil);
        }

        // The password first: a wrong one does not use up the customer's code.
        if (password is not null && hashing.Verify(account.PasswordHash, password) == PasswordCheck.Failed)
        {
            await events.AddAsync(account.Id, account.Portal, method, LoginOutcomes.WrongPassword, client);
            return Failed(attempt, ReauthOutcome.WrongPassword);
        }

        var step = totp.Verify(secrets.Unprotect(binding.SecretProtected), code);
        if (step is null || !await authenticators.TryAcceptStepAsync(account.Id, step.Value))
        {
            await events.AddAsync(account.Id, account.Portal, method, step is null ? LoginOutcomes.WrongCode : LoginOutcomes.ReplayedCode, client);
            return Failed(attempt, ReauthOutcome.InvalidCode);
        }

        await accounts.ResetFailuresAsync(account.Id);
        return new ReauthResult(ReauthOutcome.Accepted);
    }

    private static ReauthResult Failed(AttemptDecision attempt, ReauthOutcome outcome) =>
        attempt.Next.LockoutEnd is { } end
            ? new ReauthResult(ReauthOutcome.LockedOut, DateTimeOffset.FromUnixTimeSeconds(end))
            : new ReauthResult(outcome);
}
