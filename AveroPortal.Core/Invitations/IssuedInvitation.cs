namespace AveroPortal.Core.Invitations;

public sealed record IssuedInvitation(long Id, string Token, DateTimeOffset ExpiresAt);
