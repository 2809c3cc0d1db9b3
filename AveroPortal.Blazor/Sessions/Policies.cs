namespace AveroPortal.Blazor.Sessions;

internal static class Policies
{
    public const string Customer = "Customer";
    public const string Support = "Support";
    public const string Admin = "Admin";
}
