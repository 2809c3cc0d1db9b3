namespace AveroPortal.Core.Colleagues;

public sealed record InviteResult(InviteOutcome Outcome, InviteProblem Problem = InviteProblem.None, DateTimeOffset? ExpiresAt = null);
