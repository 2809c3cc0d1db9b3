namespace AveroPortal.Core.Freeze;

/// <summary>A "Dit was ik niet" link for one security mail: the address to put in the mail and until when it works.</summary>
public sealed record FreezeLink(string Url, DateTimeOffset ExpiresAt);
