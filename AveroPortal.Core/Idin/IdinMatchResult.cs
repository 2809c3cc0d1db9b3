using AveroPortal.Core.Customers;

namespace AveroPortal.Core.Idin;

/// <summary>The result of <see cref="IdinMatching.Match"/>.</summary>
/// <param name="Kind">Full match, a single partial candidate, or no match.</param>
/// <param name="Customer">The fully matching customer, or the single partial candidate; null for NoMatch.</param>
/// <param name="Differences">Fields that differ, in <see cref="IdinField"/> order; empty for FullMatch and NoMatch.</param>
/// <param name="Ambiguous">True when NoMatch because more than one customer qualified.</param>
public sealed record IdinMatchResult(IdinMatchKind Kind, Customer? Customer, IReadOnlyList<IdinField> Differences, bool Ambiguous = false);
