namespace AveroPortal.Tests.Infrastructure;

/// <summary>The eHerkenning configuration the tests give the portal (the same service registration as the Development demo).</summary>
public static class EHerkenningSettings
{
    public const string SpEntityId = "urn:etoegang:DV:00000001002220647000:entities:0001";
    public const string ServiceUuid = "6b2b4b4e-2f5e-4c8a-9d0c-1f3a5e7b9c11";

    public static Dictionary<string, string> For(string publicBaseUrl, bool testBroker) => new()
    {
        ["Avero:PublicBaseUrl"] = publicBaseUrl,
        ["Avero:EHerkenning:Enabled"] = "true",
        ["Avero:EHerkenning:EntityId"] = SpEntityId,
        ["Avero:EHerkenning:Oin"] = "00000001002220647000",
        ["Avero:EHerkenning:ServiceId"] = "urn:etoegang:DV:00000001002220647000:services:1",
        ["Avero:EHerkenning:ServiceUuid"] = ServiceUuid,
        ["Avero:EHerkenning:TestBroker:Enabled"] = testBroker ? "true" : "false",
    };
}
