namespace AveroPortal.Core.Idin;

/// <summary>A customer linked to a bank identity: (broker, BIN) → customer.</summary>
public sealed record IdinIdentity(long Id, string Broker, string Bin, long CustomerId);
