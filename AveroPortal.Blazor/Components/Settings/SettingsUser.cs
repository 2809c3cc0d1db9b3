using System.Globalization;
using System.Security.Claims;
using AveroPortal.Blazor.Login;
using AveroPortal.Core.Login;

namespace AveroPortal.Blazor.Components.Settings;

/// <summary>Who is on a settings page: an e-mail account (with its session), or an iDIN/eHerkenning login without one.</summary>
public sealed record SettingsUser(long? AccountId, string? SessionId, string? Method)
{
    public const string EHerkenningMethod = "eherkenning";

    public bool IsIdin => Method == LoginMethods.Idin;

    public bool IsEHerkenning => Method == EHerkenningMethod;

    /// <summary>An e-mail account with a session: the only kind of login that has settings.</summary>
    public bool HasAccount => !IsIdin && !IsEHerkenning && AccountId is not null && !string.IsNullOrEmpty(SessionId);

    public static SettingsUser From(ClaimsPrincipal user)
    {
        var method = user.FindFirstValue(SessionCookie.MethodClaim);
        // iDIN and eHerkenning name their identity "idin:7" or "eherkenning:7", which never parses as an account id.
        long? accountId = long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        return new SettingsUser(accountId, user.FindFirstValue(SessionCookie.SessionIdClaim), method);
    }
}
