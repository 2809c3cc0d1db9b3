namespace AveroPortal.Core.Idin;

/// <summary>A bank in the iDIN directory, with its issuer id (BIC), as the broker knows it.</summary>
public sealed record IdinBank(string Id, string Name);
