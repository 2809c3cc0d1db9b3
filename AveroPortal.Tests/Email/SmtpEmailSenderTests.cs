using System.Net;
using System.Net.Sockets;
using AveroPortal.Core.Email;
using MailKit.Security;
using MimeKit;

namespace AveroPortal.Tests.Email;

public sealed class SmtpEmailSenderTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly EmailMessage Mail = new(
        "jan@example.com", "Uw inloggegevens zijn gewijzigd", "Tekst met één accent.", "<html lang=\"nl\"><p>HTML met één accent.</p></html>");

    private TestSmtpServer _server = null!;

    public async Task InitializeAsync() => _server = await TestSmtpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static SmtpEmailSender Sender(int port, string? userName = null, string? password = null) =>
        new(new SmtpOptions { Host = "127.0.0.1", Port = port, Security = "None", UserName = userName, Password = password });

    [Fact]
    public async Task MessageArrivesWithRecipientSubjectAndSender()
    {
        await Sender(_server.Port).SendAsync(Mail);

        var received = await _server.WaitForMessageAsync(m => m.Subject == Mail.Subject, Wait);

        Assert.Equal("jan@example.com", Assert.Single(received.To.Mailboxes).Address);
        var from = Assert.Single(received.From.Mailboxes);
        Assert.Equal("noreply@averoachmea.example", from.Address);
        Assert.Equal("Avéro Achmea", from.Name);
    }

    [Fact]
    public async Task MessageIsMultipartAlternativeWithTextBeforeHtml()
    {
        await Sender(_server.Port).SendAsync(Mail);

        var received = await _server.WaitForMessageAsync(m => m.Subject == Mail.Subject, Wait);

        var alternative = Assert.IsType<MultipartAlternative>(received.Body);
        Assert.Collection(alternative,
            part => Assert.Equal("text/plain", part.ContentType.MimeType),
            part => Assert.Equal("text/html", part.ContentType.MimeType));
        Assert.Equal(Mail.TextBody, received.TextBody?.TrimEnd());
        Assert.Equal(Mail.HtmlBody, received.HtmlBody?.TrimEnd());
    }

    [Fact]
    public async Task EachMessageArrivesSeparately()
    {
        var sender = Sender(_server.Port);

        await sender.SendAsync(Mail with { To = "een@example.com" });
        await sender.SendAsync(Mail with { To = "twee@example.com" });

        await _server.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == "een@example.com"), Wait);
        await _server.WaitForMessageAsync(m => m.To.Mailboxes.Any(a => a.Address == "twee@example.com"), Wait);
        Assert.Equal(2, _server.Messages.Count);
    }

    [Fact]
    public async Task ConfiguredUserNameIsUsedToAuthenticate()
    {
        await using var server = await TestSmtpServer.StartAsync("portal", "geheim");

        await Sender(server.Port, "portal", "geheim").SendAsync(Mail);

        await server.WaitForMessageAsync(m => m.Subject == Mail.Subject, Wait);
    }

    [Fact]
    public async Task WrongPasswordIsRefusedByTheServer()
    {
        await using var server = await TestSmtpServer.StartAsync("portal", "geheim");

        await Assert.ThrowsAsync<AuthenticationException>(() => Sender(server.Port, "portal", "fout").SendAsync(Mail));
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task UnreachableServerFailsTheSend()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        await Assert.ThrowsAsync<SocketException>(() => Sender(closedPort).SendAsync(Mail));
    }
}
