using System.Security.Claims;
using AveroPortal.Blazor.Sessions;

namespace AveroPortal.Blazor.Features.Settings;

/// <summary>Who is on a settings page: an e-mail account (with its session), or an iDIN/eHerkenning login without one.</summary>
public sealed record SettingsUser(long? AccountId, string? SessionId, string? Method)
{
    public bool IsIdin => Method == Core.Login.LoginMethods.Idin;

    public bool IsEHerkenning => Method == Core.Login.LoginMethods.EHerkenning;

    /// <summary>An e-mail account with a session: the only kind of login that has settings.</summary>
    public bool HasAccount => !IsIdin && !IsEHerkenning && AccountId is not null && !string.IsNullOrEmpty(SessionId);

    public static SettingsUser From(ClaimsPrincipal user) =>
        PortalUser.From(user) is { } signedIn
            ? new SettingsUser(signedIn.AccountId, signedIn.SessionId, signedIn.Method)
            : new SettingsUser(null, null, null);
}
