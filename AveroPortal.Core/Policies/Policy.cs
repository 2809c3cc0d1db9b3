namespace AveroPortal.Core.Policies;

/// <summary>One policy as Mijn overzicht shows it. <see cref="StartDate"/> is an ISO date (yyyy-MM-dd).</summary>
public sealed record Policy(long Id, string PolicyNumber, string Product, string Status, string StartDate);

/// <summary>A policy to store: it belongs to exactly one customer or one company (the table's CHECK refuses both or neither).</summary>
public sealed record NewPolicy(string PolicyNumber, long? CustomerId, long? CompanyId, string Product, string Status, string StartDate);
