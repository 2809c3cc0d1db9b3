namespace AveroPortal.Core.Login;

/// <summary>The portal an account belongs to and a login is made at, as stored in the database and the session cookie.</summary>
public static class Portals
{
    public const string Private = "private";
    public const string Business = "business";
    public const string Staff = "staff";

    public static bool IsValid(string? portal) => portal is Private or Business or Staff;
}
