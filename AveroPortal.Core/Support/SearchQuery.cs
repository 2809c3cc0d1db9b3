namespace AveroPortal.Core.Support;

public sealed record SearchQuery(string? Text, string? Postcode, string? HouseNumber);
