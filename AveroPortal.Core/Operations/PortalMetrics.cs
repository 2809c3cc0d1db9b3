using System.Diagnostics;
using System.Diagnostics.Metrics;
using AveroPortal.Core.EHerkenning;
using AveroPortal.Core.EHerkenning.ServiceProvider;
using AveroPortal.Core.Idin;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using AveroPortal.Core.Rebinding;
using AveroPortal.Core.Support;

namespace AveroPortal.Core.Operations;

/// <summary>
/// The portal's own meter (<see cref="MeterName"/>), exported by the web host. One line per event at the place it
/// happens. Every label value comes from a fixed list below (anything else becomes "other"): never an e-mail address,
/// an IP address, an account id or free text, so a series per customer can never appear.
/// </summary>
public static class PortalMetrics
{
    public const string MeterName = "AveroPortal";

    /// <summary>The login methods as labels.</summary>
    public static readonly IReadOnlySet<string> Methods = new HashSet<string>(StringComparer.Ordinal)
        { "password", "code", "recovery-code", "passkey", "idin", "eherkenning" };

    private static readonly Dictionary<string, string> MethodLabels = new(StringComparer.Ordinal)
    {
        [LoginMethods.Password] = "password",
        [LoginMethods.Authenticator] = "code",
        [LoginMethods.RecoveryCode] = "recovery-code",
        [LoginMethods.Passkey] = "passkey",
        [LoginMethods.Idin] = "idin",
        [LoginMethods.EHerkenning] = "eherkenning",
    };

    private static readonly HashSet<string> Results = new(StringComparer.Ordinal)
    {
        LoginOutcomes.Success, LoginOutcomes.WrongPassword, LoginOutcomes.UnknownAccount, LoginOutcomes.WrongCode,
        LoginOutcomes.ReplayedCode, LoginOutcomes.WrongRecoveryCode, LoginOutcomes.LockedOut, LoginOutcomes.PasswordAccepted,
        LoginOutcomes.Enrolled, LoginOutcomes.WrongPortal, LoginOutcomes.PendingLoginGone, LoginOutcomes.Frozen, LoginOutcomes.AccessEnded,
        IdinLogin.Outcomes.Mismatch, IdinLogin.Outcomes.NoMatch, IdinLogin.Outcomes.Failed, IdinLogin.Outcomes.Cancelled,
        EHerkenningLogin.Outcomes.LevelTooLow, EHerkenningLogin.Outcomes.KvkMissing, EHerkenningLogin.Outcomes.KvkNotInsured,
        EHerkenningLogin.Outcomes.Refused,
        AuthenticatorRebinding.Outcomes.Rebound, AuthenticatorRebinding.Outcomes.OtherCustomer, AuthenticatorRebinding.Outcomes.PartialMatch,
        AuthenticatorRebinding.Outcomes.NoMatch, AuthenticatorRebinding.Outcomes.NotAllowed,
        LoginOutcomes.WrongPasskey, LoginOutcomes.PasskeyCounterRegressed,
    };

    private static readonly Dictionary<string, string> IdinOutcomes = new(StringComparer.Ordinal)
    {
        [LoginOutcomes.Success] = "match",
        [IdinLogin.Outcomes.Mismatch] = "mismatch",
        [IdinLogin.Outcomes.NoMatch] = "no-match",
        [IdinLogin.Outcomes.Failed] = "failure",
        [IdinLogin.Outcomes.Cancelled] = "cancelled",
    };

    /// <summary>The rate limits: the web host's buckets and the support agents' limits.</summary>
    public static readonly IReadOnlySet<string> RateLimitPolicies = new HashSet<string>(StringComparer.Ordinal)
        { "writes", "test-broker", "support", "agent-action", "agent-search" };

    /// <summary>SAML refusals that happen around the validator (its own reasons are <see cref="SamlFailure"/>).</summary>
    public static class SamlReasons
    {
        public const string Binding = "binding";
        public const string Artifact = "artifact";
        public const string RelayState = "relay-state";
        public const string NoMetadata = "no-metadata";
        public const string Resolution = "artifact-resolution";
        public const string Replay = "replay";
        public const string KvkNotInsured = "kvk-not-insured";
    }

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> LoginAttempts = Meter.CreateCounter<long>("avero.login.attempts", "{attempt}",
        "Login attempts by method and result (every login event of a login method).");

    private static readonly Counter<long> Lockouts = Meter.CreateCounter<long>("avero.lockouts", "{lockout}",
        "Accounts or unknown addresses locked by a failed attempt, by the method of that attempt.");

    private static readonly Counter<long> CodeReplays = Meter.CreateCounter<long>("avero.code.replays", "{replay}",
        "Authenticator codes refused because their time step was used before.");

    private static readonly Counter<long> RateLimitRejections = Meter.CreateCounter<long>("avero.rate_limit.rejections", "{rejection}",
        "Requests or support actions refused by a rate limit, by policy.");

    private static readonly Counter<long> SamlRefusals = Meter.CreateCounter<long>("avero.saml.refusals", "{refusal}",
        "eHerkenning responses refused, by reason (the validator's reason codes and the ACS's own).");

    private static readonly Counter<long> IdinResults = Meter.CreateCounter<long>("avero.idin.outcomes", "{outcome}",
        "iDIN logins by outcome: match, mismatch, no-match, failure, cancelled.");

    private static readonly Counter<long> SupportActions = Meter.CreateCounter<long>("avero.support.actions", "{action}",
        "Support desk actions by kind and result (every support audit entry).");

    private static readonly Counter<long> Invitations = Meter.CreateCounter<long>("avero.invitations", "{invitation}",
        "Invitations (account creation, colleague, colleague re-activation, staff) sent or refused.");

    // Its own counter, not a rate-limit policy: a full hashing gate is load on this instance, not a client asking too
    // often, and wants its own alert.
    private static readonly Counter<long> PasswordHashBusy = Meter.CreateCounter<long>("avero.password_hash.busy", "{refusal}",
        "Requests answered with the \"te druk\" page because every turn at the password hasher stayed taken.");

    private static readonly Histogram<double> PasswordHashDuration = Meter.CreateHistogram<double>("avero.password_hash.duration", "s",
        "Time of one password hash or verification.", tags: null, advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 5],
        });

    /// <summary>A login event was written: counts the attempt of a login method, its replay, and its iDIN outcome.</summary>
    public static void LoginEvent(string method, string outcome)
    {
        if (!MethodLabels.TryGetValue(method, out var label))
        {
            return; // settings, password reset and the like write events too; they are no login attempts
        }

        LoginAttempt(label, outcome);
        if (method == LoginMethods.Idin && IdinOutcomes.TryGetValue(outcome, out var idin))
        {
            IdinResults.Add(1, new KeyValuePair<string, object?>("outcome", idin));
        }
    }

    /// <param name="method">One of <see cref="Methods"/> ("passkey" for the passkey login).</param>
    public static void LoginAttempt(string method, string result)
    {
        LoginAttempts.Add(1, new("method", Methods.Contains(method) ? method : "other"), new("result", Results.Contains(result) ? result : "other"));
        if (result == LoginOutcomes.ReplayedCode)
        {
            CodeReplays.Add(1);
        }
    }

    public static void Lockout(string method) =>
        Lockouts.Add(1, new KeyValuePair<string, object?>("method", MethodLabels.GetValueOrDefault(method, "other")));

    public static void RateLimitRejected(string policy) =>
        RateLimitRejections.Add(1, new KeyValuePair<string, object?>("policy", RateLimitPolicies.Contains(policy) ? policy : "other"));

    public static void SamlRefused(SamlFailure failure) => SamlRefused(ReasonOf(failure));

    /// <param name="reason">One of <see cref="SamlReasons"/>.</param>
    public static void SamlRefused(string reason) => SamlRefusals.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void SupportAction(string action, bool refused) => SupportActions.Add(1,
        new("action", SupportActionLabels.Contains(action) ? action : "other"), new("result", refused ? "refused" : "done"));

    public static void Invitation(string kind, bool sent) => Invitations.Add(1,
        new("kind", kind is InvitationKinds.AccountCreation or InvitationKinds.Colleague or InvitationKinds.Staff
            or InvitationKinds.Reactivation ? kind : "other"), new("result", sent ? "sent" : "refused"));

    /// <summary>A request got the "te druk" page of the password-hash gate (once per refused request).</summary>
    public static void PasswordHashRefusedBusy() => PasswordHashBusy.Add(1);

    /// <summary>Times one hash or verification: <c>using var timing = PortalMetrics.TimePasswordHash("verify");</c>.</summary>
    public static PasswordHashTiming TimePasswordHash(string operation) => new(operation);

    private static readonly HashSet<string> SupportActionLabels = new(SupportActionNames.All, StringComparer.Ordinal);

    /// <summary>kebab-case of the validator's reason (LevelTooLow is level-too-low): a fixed list, from the enum.</summary>
    private static string ReasonOf(SamlFailure failure) =>
        string.Concat(failure.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public readonly struct PasswordHashTiming(string operation) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();

        public void Dispose() => PasswordHashDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds,
            new KeyValuePair<string, object?>("operation", operation is "hash" or "verify" or "dummy" ? operation : "other"));
    }
}
