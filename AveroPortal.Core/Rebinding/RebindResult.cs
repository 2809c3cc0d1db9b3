using AveroPortal.Core.Login;

namespace AveroPortal.Core.Rebinding;

/// <param name="Account">After <see cref="RebindOutcome.Rebound"/>: the account with its new security stamp.</param>
public sealed record RebindResult(RebindOutcome Outcome, RebindDecision? Decision = null, Account? Account = null);
