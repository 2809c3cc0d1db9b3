namespace AveroPortal.Core.Idin;

/// <summary>
/// What the bank confirmed through the broker, read from the configured claim names. Held in memory (and in the
/// short-lived encrypted external cookie) only: nothing of it is stored unless it matched a customer.
/// </summary>
/// <param name="Bin">iDIN's BIN (consumer.bin): persistent and specific to our merchant registration.</param>
/// <param name="DateOfBirth">As sent: iDIN's YYYYMMDD, or ISO yyyy-MM-dd from some brokers.</param>
public sealed record IdinBankIdentity(
    string Bin,
    string? Initials,
    string? LegalLastNamePrefix,
    string? LegalLastName,
    string? PartnerLastNamePrefix,
    string? PartnerLastName,
    string? PreferredLastName,
    string? DateOfBirth,
    string? Street,
    string? HouseNumber,
    string? HouseNumberSuffix,
    string? Postcode,
    string? City,
    string? Country);
