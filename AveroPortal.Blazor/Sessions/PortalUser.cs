using System.Globalization;
using System.Security.Claims;
using AveroPortal.Core.Login;
using AveroPortal.Core.Support;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AveroPortal.Blazor.Sessions;

/// <summary>
/// Who is signed in: the one type every page and policy reads, written to and read from the session cookie's claims
/// here and nowhere else. An e-mail account (customer or staff) has an <see cref="AccountId"/>; an eHerkenning login
/// acts for a company and an iDIN login for a customer, neither with an account. Public because the settings
/// frame, a (public) component, takes it as a parameter.
/// </summary>
public sealed record PortalUser(
    string Id,
    string Method,
    string Portal,
    string? Name = null,
    string? Email = null,
    string? Role = null,
    long? CompanyId = null,
    long? CustomerId = null,
    string? SessionId = null,
    string? Stamp = null)
{
    public const string SessionIdClaim = "avero:sid";
    public const string StampClaim = "avero:stamp";
    public const string PortalClaim = "avero:portal";
    public const string MethodClaim = "avero:method";
    public const string CompanyClaim = "avero:company";
    public const string CustomerClaim = "avero:customer";

    // iDIN and eHerkenning name their identity "idin:7" or "eherkenning:7", which never parses as an account id.
    public long? AccountId => long.TryParse(Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public bool IsEHerkenning => Method == LoginMethods.EHerkenning;

    public bool IsIdin => Method == LoginMethods.Idin;

    public bool IsStaff => Portal == Portals.Staff;

    public bool IsBusiness => Portal == Portals.Business;

    /// <summary>An e-mail account with a session: the only kind of login that has settings.</summary>
    public bool HasAccount => !IsIdin && !IsEHerkenning && AccountId is not null && !string.IsNullOrEmpty(SessionId);

    /// <summary>The acting support agent: an account with an e-mail address and a staff role.</summary>
    public StaffMember? Staff => AccountId is { } id && Email is { } email && Role is { } role ? new StaffMember(id, email, role) : null;

    public static PortalUser ForAccount(Account account, string method, string sessionId) => new(
        account.Id.ToString(CultureInfo.InvariantCulture), method, account.Portal, account.DisplayName, account.Email,
        account.Role, account.CompanyId, SessionId: sessionId, Stamp: account.SecurityStamp);

    public static PortalUser ForEHerkenning(Core.EHerkenning.ServiceProvider.EHerkenningIdentity person, string sessionId) => new(
        "eherkenning:" + person.Id.ToString(CultureInfo.InvariantCulture), LoginMethods.EHerkenning, Portals.Business,
        person.CompanyName ?? person.KvkNumber, CompanyId: person.CompanyId, SessionId: sessionId, Stamp: "");

    public static PortalUser ForIdin(Core.Idin.IdinIdentity person, Core.Customers.Customer customer, string sessionId) => new(
        "idin:" + person.Id.ToString(CultureInfo.InvariantCulture), LoginMethods.Idin, Portals.Private,
        customer.FullName, CustomerId: customer.Id, SessionId: sessionId, Stamp: "");

    /// <summary>The signed-in user, or null when the principal lacks the identity, method or portal.</summary>
    public static PortalUser? From(ClaimsPrincipal? principal)
    {
        if (principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id
            || principal.FindFirstValue(MethodClaim) is not { } method
            || principal.FindFirstValue(PortalClaim) is not { } portal)
        {
            return null;
        }

        return new PortalUser(id, method, portal,
            principal.FindFirstValue(ClaimTypes.Name),
            principal.FindFirstValue(ClaimTypes.Email),
            principal.FindFirstValue(ClaimTypes.Role),
            Number(principal.FindFirstValue(CompanyClaim)),
            Number(principal.FindFirstValue(CustomerClaim)),
            principal.FindFirstValue(SessionIdClaim),
            principal.FindFirst(StampClaim)?.Value);
    }

    public ClaimsPrincipal ToPrincipal()
    {
        var identity = new ClaimsIdentity(CookieAuthenticationDefaults.AuthenticationScheme);
        void Add(string type, string? value)
        {
            if (value is not null)
            {
                identity.AddClaim(new Claim(type, value));
            }
        }

        Add(ClaimTypes.NameIdentifier, Id);
        Add(ClaimTypes.Name, Name);
        Add(ClaimTypes.Email, Email);
        Add(PortalClaim, Portal);
        Add(MethodClaim, Method);
        Add(SessionIdClaim, SessionId);
        Add(StampClaim, Stamp);
        Add(ClaimTypes.Role, Role);
        Add(CompanyClaim, CompanyId?.ToString(CultureInfo.InvariantCulture));
        Add(CustomerClaim, CustomerId?.ToString(CultureInfo.InvariantCulture));
        return new ClaimsPrincipal(identity);
    }

    private static long? Number(string? value) =>
        long.TryParse(value, CultureInfo.InvariantCulture, out var number) ? number : null;
}
