namespace AveroPortal.Core.Support;

/// <summary>One row of the support search: a private customer or an insured company, with its e-mail account if it has one.</summary>
/// <remarks>
/// Properties rather than a positional record: SQLite reports a column that is NULL in the first row as a blob,
/// which Dapper's constructor matching refuses, while its property mapping converts.
/// </remarks>
public sealed record SearchHit
{
    public string Kind { get; init; } = "";

    public long? CustomerId { get; init; }

    public long? CompanyId { get; init; }

    public long? AccountId { get; init; }

    public string Name { get; init; } = "";

    public string Number { get; init; } = "";

    public string? Email { get; init; }

    public string Postcode { get; init; } = "";

    public string City { get; init; } = "";
}
