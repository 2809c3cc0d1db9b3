using System.Globalization;
using AveroPortal.Core.Support;
using Microsoft.Extensions.Localization;

namespace AveroPortal.Blazor.Features.Support;

internal static class SupportFormat
{
    /// <summary>Stored as UTC Unix seconds; agents read Dutch local time.</summary>
    public static string Time(long unixSeconds) =>
        AveroPortal.Core.DutchTime.Local(unixSeconds).ToString("d-M-yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Action(string action, IStringLocalizer<SupportTexts> s) => action switch
    {
        SupportActionNames.UnlinkAuthenticator => s["ActionUnlink"],
        SupportActionNames.Unlock => s["ActionUnlock"],
        SupportActionNames.SendAccountCreationLink => s["ActionSendLink"],
        SupportActionNames.CreateStaff => s["ActionCreateStaff"],
        SupportActionNames.DisableStaff => s["ActionDisableStaff"],
        SupportActionNames.FreezeAccount => s["ActionFreeze"],
        SupportActionNames.UnfreezeAccount => s["ActionUnfreeze"],
        _ => action,
    };
}
