namespace AveroPortal.Core.Customers;

public sealed record Customer(
    long Id, string CustomerNumber, string Initials, string FirstName, string? NamePrefix, string LastName,
    string DateOfBirth, string Street, long HouseNumber, string? HouseNumberSuffix, string Postcode, string City,
    string AdviserName, string AdviserPhone, string AdviserEmail)
{
    public string FullName => string.Join(' ', new[] { FirstName, NamePrefix, LastName }.Where(p => !string.IsNullOrWhiteSpace(p)));

    public string AddressLine => $"{Street} {HouseNumber}{(string.IsNullOrEmpty(HouseNumberSuffix) ? "" : " " + HouseNumberSuffix)}";

    public Adviser Adviser => new(AdviserName, AdviserPhone, AdviserEmail);
}
