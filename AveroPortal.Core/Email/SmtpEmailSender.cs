using MailKit.Net.Smtp;
using MimeKit;
using MimeKit.Text;

namespace AveroPortal.Core.Email;

/// <summary>Sends through the configured SMTP relay with MailKit.</summary>
internal sealed class SmtpEmailSender(SmtpOptions options) : IEmailSender
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private string Host => options.HasHost ? options.Host : throw new InvalidOperationException($"{SmtpOptions.SectionName}:Host ontbreekt.");

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var mime = ToMimeMessage(message);

        // A connection per message: the portal sends a few mails an hour at most, and a kept-open connection would
        // be closed by the relay in between and fail on the next send.
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        await client.ConnectAsync(Host, options.Port, options.ToSocketOptions(), cancellationToken);
        if (!string.IsNullOrEmpty(options.UserName))
        {
            await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    internal MimeMessage ToMimeMessage(EmailMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;

        // Plain text first: multipart/alternative lists the parts from least to most preferred.
        mime.Body = new MultipartAlternative
        {
            new TextPart(TextFormat.Plain) { Text = message.TextBody },
            new TextPart(TextFormat.Html) { Text = message.HtmlBody },
        };
        return mime;
    }
}
