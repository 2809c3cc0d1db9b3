namespace AveroPortal.Core.Email;

/// <summary>Sends one e-mail: through SMTP, or into the development outbox.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
