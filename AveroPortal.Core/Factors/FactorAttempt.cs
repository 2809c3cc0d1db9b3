using AveroPortal.Core.Login;

namespace AveroPortal.Core.Factors;

/// <summary>Whose factors are checked, and how the attempt shows up in the login history.</summary>
/// <param name="AccountId">The account whose history gets the events; null for an address without one.</param>
/// <param name="Portal">The portal the event is written for (the password step writes the portal asked for).</param>
/// <param name="Method">The login event method: a login step or a settings change.</param>
public sealed record FactorAttempt(long? AccountId, string Portal, string Method, ClientInfo Client);
