namespace AveroPortal.Core.Policies;

/// <summary>The stored status codes of a policy; the portal's resources give each a Dutch and an English label.</summary>
public static class PolicyStatuses
{
    public const string Active = "active";
    public const string Suspended = "suspended";
    public const string Ended = "ended";

    public static readonly IReadOnlyList<string> All = [Active, Suspended, Ended];
}
