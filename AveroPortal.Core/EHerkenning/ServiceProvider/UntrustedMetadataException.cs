namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>Why broker metadata was not trusted; <see cref="Exception.Message"/> is a precise English reason for the log.</summary>
public sealed class UntrustedMetadataException(string message) : Exception(message);
