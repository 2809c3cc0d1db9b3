using AveroPortal.Blazor.Features.Login;
using AveroPortal.Core.Customers;
using AveroPortal.Core.Login;
using AveroPortal.Core.Passkeys;
using Microsoft.Extensions.Localization;

namespace AveroPortal.Blazor.Features.Passkeys;

/// <summary>The customer's words for every passkey outcome that is not a success (markup: some carry the Supportdesk's tel: link).</summary>
internal static class PasskeyMessages
{
    public static async Task<string> ForLoginAsync(PasskeyLoginResult result, IStringLocalizer<Texts> l, CustomerRepository customers) => result.Outcome switch
    {
        PasskeyLoginOutcome.LockedOut => l["LockedOut", LoginTexts.LocalTime(result.LockedUntil)],
        PasskeyLoginOutcome.Frozen => l["AccountFrozen"],
        PasskeyLoginOutcome.WrongPortal when result.Account is { } account => l["WrongPortal",
            account.Portal == Portals.Business ? l["PortalBusinessName"] : l["PortalPrivateName"], "/inloggen/" + LoginTexts.PortalSlug(account.Portal)],
        PasskeyLoginOutcome.AccessEnded => await AccessEndedAsync(result.Account, l, customers),
        PasskeyLoginOutcome.CounterRegressed => l["PasskeyCounterRegressed"],
        PasskeyLoginOutcome.Expired => l["PasskeyLoginExpired"],
        PasskeyLoginOutcome.BadInput => l["PasskeyIncomplete"],
        _ => l["PasskeyLoginRefused"],
    };

    public static string ForSecondFactor(CodeStepResult result, IStringLocalizer<Texts> l) => result.Outcome switch
    {
        CodeStepOutcome.InvalidCode when result.PasskeyCounterRegressed => l["PasskeyCounterRegressed"],
        CodeStepOutcome.LockedOut => l["LockedOut", LoginTexts.LocalTime(result.LockedUntil)],
        CodeStepOutcome.BadInput => l["PasskeyIncomplete"],
        // The challenge ran out while the login itself is still there: another try with a fresh one.
        CodeStepOutcome.Expired => l["PasskeyLoginExpired"],
        _ => l["PasskeyWrong"],
    };

    public static string ForRegistration(PasskeyRegistrationOutcome outcome, IStringLocalizer<Texts> l) => outcome switch
    {
        PasskeyRegistrationOutcome.Expired => l["PasskeyRegisterExpired"],
        PasskeyRegistrationOutcome.AlreadyRegistered => l["PasskeyAlreadyRegistered"],
        PasskeyRegistrationOutcome.TooMany => l["PasskeyTooMany"],
        PasskeyRegistrationOutcome.BadInput => l["PasskeyIncomplete"],
        _ => l["PasskeyRegisterRefused"],
    };

    private static async Task<string> AccessEndedAsync(Account? account, IStringLocalizer<Texts> l, CustomerRepository customers)
    {
        var company = account?.CompanyId is { } companyId ? await customers.GetCompanyAsync(companyId) : null;
        // Shown as markup: the company's name is encoded.
        return company is null ? l["AccessEndedNoCompany"] : l["AccessEnded", System.Net.WebUtility.HtmlEncode(company.Name)];
    }
}
