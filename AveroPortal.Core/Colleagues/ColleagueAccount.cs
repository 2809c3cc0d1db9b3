namespace AveroPortal.Core.Colleagues;

/// <summary>A business e-mail account as its colleagues see it.</summary>
/// <remarks>
/// Init properties rather than a positional record: SQLite reports the type of a computed column (the last login)
/// from its first value, and Dapper only matches a constructor when every reported type fits exactly.
/// </remarks>
public sealed record ColleagueAccount
{
    public long Id { get; init; }

    public string Email { get; init; } = "";

    public string DisplayName { get; init; } = "";

    public long? EnrolledAt { get; init; }

    public long? DisabledAt { get; init; }

    public long? LastLoginAt { get; init; }

    /// <summary>May invite, revoke, re-activate and hand on the role (see <see cref="ColleagueAdministration"/>).</summary>
    public bool IsAdministrator { get; init; }

    public bool IsEnrolled => EnrolledAt is not null;

    public bool IsDisabled => DisabledAt is not null;
}
