using System.Diagnostics.CodeAnalysis;
using AveroPortal.Core.Configuration;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace AveroPortal.Core.Email;

/// <summary>The SMTP relay, from the configuration section <c>Avero:Smtp</c>. Without a Host, mail goes to the outbox table.</summary>
internal sealed record SmtpOptions
{
    public const string SectionName = "Avero:Smtp";

    public static readonly IReadOnlyList<string> SecurityModes = ["None", "StartTls", "SslOnConnect"];

    public string? Host { get; init; }

    public int Port { get; init; } = 587;

    public string Security { get; init; } = "StartTls";

    public string? UserName { get; init; }

    public string? Password { get; init; }

    public string FromAddress { get; init; } = "noreply@averoachmea.example";

    public string FromName { get; init; } = "Avéro Achmea";

    [MemberNotNullWhen(true, nameof(Host))]
    public bool HasHost => !string.IsNullOrWhiteSpace(Host);

    // A method, not a property: it throws on a bad value, and ToString and the debugger read properties.
    public SecureSocketOptions ToSocketOptions() => Security.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "sslonconnect" => SecureSocketOptions.SslOnConnect,
        _ => throw new InvalidOperationException(InvalidSecurity(Security)),
    };

    /// <summary>Reads and checks the section, so a typo stops the app at start-up instead of at the first mail.</summary>
    public static SmtpOptions Read(IConfiguration configuration)
    {
        var defaults = new SmtpOptions();
        string? Raw(string name) => configuration[$"{SectionName}:{name}"];
        var options = new SmtpOptions
        {
            Host = Raw(nameof(Host)),
            Port = ConfigurationValues.IntInRange(configuration, $"{SectionName}:{nameof(Port)}", defaults.Port, 1, 65535),
            Security = Raw(nameof(Security)) ?? defaults.Security,
            UserName = Raw(nameof(UserName)),
            Password = Raw(nameof(Password)),
            FromAddress = Raw(nameof(FromAddress)) ?? defaults.FromAddress,
            FromName = Raw(nameof(FromName)) ?? defaults.FromName,
        };

        if (!SecurityModes.Contains(options.Security, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(InvalidSecurity(options.Security));
        }

        // MimeKit also accepts a bare local part; a relay needs a full address.
        if (!MailboxAddress.TryParse(options.FromAddress, out var from) || !from.Address.Contains('@'))
        {
            throw new InvalidOperationException(
                $"{SectionName}:FromAddress is '{options.FromAddress}'; dat is geen geldig e-mailadres.");
        }

        return options;
    }

    // Written out so the password never ends up in a log line or exception message.
    public override string ToString() =>
        $"SmtpOptions {{ Host = {Host}, Port = {Port}, Security = {Security}, UserName = {UserName}, FromAddress = {FromAddress} }}";

    private static string InvalidSecurity(string? value) =>
        $"{SectionName}:Security is '{value}'; kies None, StartTls of SslOnConnect.";
}
