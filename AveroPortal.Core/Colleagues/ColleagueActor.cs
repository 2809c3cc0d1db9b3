namespace AveroPortal.Core.Colleagues;

/// <summary>
/// Who acts on the colleagues page: the account id from the signed-in session (never from input; its role is re-read
/// in the transaction of each change) and the client address for the company audit.
/// </summary>
public sealed record ColleagueActor(long AccountId, string? ClientAddress);
