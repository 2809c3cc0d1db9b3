using AveroPortal.Core.Login;

namespace AveroPortal.Core.Support;

/// <summary>The agent who acts, taken from their signed-in session, never from input.</summary>
public sealed record StaffMember(long AccountId, string Email, string Role)
{
    public bool IsAdmin => Role == StaffRoles.Admin;
}
