namespace AveroPortal.Core.Email;

/// <summary>
/// The embedded default when no SMTP host is configured: the mail is kept in the outbox table, so a developer or
/// tester can read it on the outbox page instead of it being lost.
/// </summary>
internal sealed class OutboxEmailSender(OutboxRepository outbox) : IEmailSender
{
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default) =>
        outbox.AddAsync(message, cancellationToken);
}
