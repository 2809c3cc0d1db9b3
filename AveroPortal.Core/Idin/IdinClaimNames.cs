namespace AveroPortal.Core.Idin;

/// <summary>
/// The claim names a broker uses for the iDIN attributes. Brokers differ (Signicat says idp_id and
/// idin_legal_last_name, others pass iDIN's own urn names), so these are configuration. Defaults: iDIN's names.
/// </summary>
public sealed class IdinClaimNames
{
    private const string Prefix = "urn:nl:bvn:bankid:1.0:consumer.";

    public string Bin { get; set; } = Prefix + "bin";
    public string Initials { get; set; } = Prefix + "initials";
    public string LegalLastNamePrefix { get; set; } = Prefix + "legallastnameprefix";
    public string LegalLastName { get; set; } = Prefix + "legallastname";
    public string PartnerLastNamePrefix { get; set; } = Prefix + "partnerlastnameprefix";
    public string PartnerLastName { get; set; } = Prefix + "partnerlastname";
    public string PreferredLastName { get; set; } = Prefix + "preferredlastname";
    public string DateOfBirth { get; set; } = Prefix + "dateofbirth";
    public string Street { get; set; } = Prefix + "street";
    public string HouseNumber { get; set; } = Prefix + "houseno";
    public string HouseNumberSuffix { get; set; } = Prefix + "housenosuf";
    public string Postcode { get; set; } = Prefix + "postalcode";
    public string City { get; set; } = Prefix + "city";
    public string Country { get; set; } = Prefix + "country";
}
