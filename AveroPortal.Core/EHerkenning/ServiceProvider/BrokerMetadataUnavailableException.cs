namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>There is no trusted broker metadata (none fetched yet, or the last good copy has passed its validUntil).</summary>
public sealed class BrokerMetadataUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
