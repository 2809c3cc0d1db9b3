using AveroPortal.Core.Customers;

namespace AveroPortal.Core.Idin;

/// <param name="Identity">The linked identity when signed in.</param>
/// <param name="Customer">The customer signed in, or the one partly matched.</param>
public sealed record IdinLoginResult(IdinOutcome Outcome, IdinIdentity? Identity, Customer? Customer, IReadOnlyList<IdinField> Differences);
