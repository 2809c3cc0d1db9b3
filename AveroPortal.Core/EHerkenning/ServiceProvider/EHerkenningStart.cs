namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>What the browser posts to the broker to start a login, and the correlation it keeps.</summary>
public sealed record EHerkenningStart(string Destination, string SamlRequest, string RelayState, string Correlation);
