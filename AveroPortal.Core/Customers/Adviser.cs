namespace AveroPortal.Core.Customers;

public sealed record Adviser(string Name, string Phone, string Email);
