namespace AveroPortal.Core.Login;

/// <summary>Roles of staff accounts, as stored; an admin can do everything a support agent can, and manage staff.</summary>
public static class StaffRoles
{
    public const string SupportAgent = "SupportAgent";
    public const string Admin = "Admin";
}
