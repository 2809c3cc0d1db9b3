using AveroPortal.Core.Login;
using AveroPortal.Core.Support;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Core.Operations;

/// <summary>
/// The stable event ids of security events, for alerts and searches in the JSON logs (field EventId). Numbers never
/// change meaning; a new event gets a new number. The README's operations section lists them.
/// </summary>
public static class SecurityEvents
{
    public static readonly EventId LoginEvent = new(1000, nameof(LoginEvent));
    public static readonly EventId SignedIn = new(1001, nameof(SignedIn));
    public static readonly EventId SignInFailed = new(1002, nameof(SignInFailed));
    public static readonly EventId LockedOut = new(1003, nameof(LockedOut));
    public static readonly EventId LockoutStarted = new(1004, nameof(LockoutStarted));
    public static readonly EventId CodeReplayed = new(1005, nameof(CodeReplayed));
    public static readonly EventId SamlRefused = new(1010, nameof(SamlRefused));
    public static readonly EventId SupportAction = new(1020, nameof(SupportAction));
    public static readonly EventId AuthenticatorUnlinked = new(1021, nameof(AuthenticatorUnlinked));
    public static readonly EventId AccountUnlocked = new(1022, nameof(AccountUnlocked));
    public static readonly EventId AccountFrozen = new(1023, nameof(AccountFrozen));
    public static readonly EventId AccountUnfrozen = new(1024, nameof(AccountUnfrozen));
    public static readonly EventId AuthenticatorRebound = new(1025, nameof(AuthenticatorRebound));
    public static readonly EventId SupportActionRefused = new(1029, nameof(SupportActionRefused));
    public static readonly EventId MailFailed = new(1040, nameof(MailFailed));

    /// <summary>The event id of a login event with this outcome.</summary>
    public static EventId ForLoginOutcome(string outcome) => outcome switch
    {
        LoginOutcomes.Success or LoginOutcomes.Enrolled => SignedIn,
        LoginOutcomes.LockedOut => LockedOut,
        LoginOutcomes.ReplayedCode => CodeReplayed,
        LoginOutcomes.WrongPassword or LoginOutcomes.UnknownAccount or LoginOutcomes.WrongCode or LoginOutcomes.WrongRecoveryCode
            or LoginOutcomes.WrongPortal or LoginOutcomes.Frozen or LoginOutcomes.AccessEnded
            or LoginOutcomes.WrongPasskey or LoginOutcomes.PasskeyCounterRegressed => SignInFailed,
        _ => LoginEvent,
    };

    /// <summary>The event id of a support audit entry with this action.</summary>
    public static EventId ForSupportAction(string action, bool refused) => refused ? SupportActionRefused : action switch
    {
        SupportActionNames.UnlinkAuthenticator => AuthenticatorUnlinked,
        SupportActionNames.Unlock => AccountUnlocked,
        SupportActionNames.FreezeAccount => AccountFrozen,
        SupportActionNames.UnfreezeAccount => AccountUnfrozen,
        SupportActionNames.RebindAuthenticator => AuthenticatorRebound,
        _ => SupportAction,
    };
}
