namespace AveroPortal.Core.Idin;

/// <summary>A compared field; the declaration order is the order in which differences are reported.</summary>
public enum IdinField { Name, Initials, DateOfBirth, Postcode, HouseNumber, HouseNumberSuffix }
