namespace AveroPortal.Core.Cleanup;

/// <summary>
/// One table of one-time records and the statement that deletes one batch of its dead rows. The statement may use
/// @Now (Unix seconds), @Batch, @SessionIdleSince and @InvitationsSentBefore; it must delete at most @Batch rows, so
/// that every statement is a short transaction that never holds the write lock for long.
/// </summary>
internal sealed record OneTimeTable(string Name, string DeleteBatch);
