namespace AveroPortal.Core.Login;

public static class StaffRoles
{
    public const string SupportAgent = "SupportAgent";
    public const string Admin = "Admin";
}
