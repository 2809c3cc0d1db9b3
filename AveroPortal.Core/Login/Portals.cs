namespace AveroPortal.Core.Login;

public static class Portals
{
    public const string Private = "private";
    public const string Business = "business";
    public const string Staff = "staff";

    public static bool IsValid(string? portal) => portal is Private or Business or Staff;
}
