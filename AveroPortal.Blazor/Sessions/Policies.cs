namespace AveroPortal.Blazor.Sessions;

internal static class Policies
{
    public const string Customer = "Customer";
    public const string Support = "Support";
    public const string Admin = "Admin";

    /// <summary>A business colleague with the company's administrator role (Features/Colleagues/CompanyAdministratorPolicy).</summary>
    public const string CompanyAdministrator = "CompanyAdministrator";
}
