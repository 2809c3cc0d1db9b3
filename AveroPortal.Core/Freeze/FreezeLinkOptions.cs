namespace AveroPortal.Core.Freeze;

/// <summary>
/// The portal's public address that freeze links are built on. The web project registers it from
/// Avero:PublicBaseUrl, read once at start-up, so a forged Host header never reaches a customer's mailbox.
/// </summary>
public sealed record FreezeLinkOptions(Uri PublicBase);
