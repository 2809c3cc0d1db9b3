using System.Globalization;
using AveroPortal.Blazor.Formatting;
using AveroPortal.Core.Support;
using Microsoft.Extensions.Localization;

namespace AveroPortal.Blazor.Features.Support;

internal static class SupportFormat
{
    private static readonly IReadOnlyDictionary<string, string> ActionKeys = new Dictionary<string, string>
    {
        [SupportActionNames.UnlinkAuthenticator] = "ActionUnlink",
        [SupportActionNames.Unlock] = "ActionUnlock",
        [SupportActionNames.SendAccountCreationLink] = "ActionSendLink",
        [SupportActionNames.CreateStaff] = "ActionCreateStaff",
        [SupportActionNames.DisableStaff] = "ActionDisableStaff",
        [SupportActionNames.FreezeAccount] = "ActionFreeze",
        [SupportActionNames.UnfreezeAccount] = "ActionUnfreeze",
        [SupportActionNames.RebindAuthenticator] = "ActionRebind",
    };

    /// <summary>Agents read Dutch local time to the second, the same in every language: "2-3-2026 10:00:00".</summary>
    public static string Time(long unixSeconds) => DisplayFormat.DutchTime(unixSeconds, "d-M-yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Action(string action, IStringLocalizer<SupportTexts> s) => DisplayFormat.Label(action, ActionKeys, s);
}
