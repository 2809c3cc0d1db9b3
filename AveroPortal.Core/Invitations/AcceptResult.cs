using AveroPortal.Core.Login;

namespace AveroPortal.Core.Invitations;

public sealed record AcceptResult(AcceptOutcome Outcome, LinkState Link = LinkState.Valid, PasswordProblem Problem = PasswordProblem.None, Account? Account = null);
