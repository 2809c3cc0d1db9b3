namespace AveroPortal.Core.Email;

/// <summary>A mail kept in the outbox table; <see cref="CreatedAt"/> is in Unix seconds.</summary>
public sealed record OutboxMessage(long Id, string ToAddress, string Subject, string TextBody, string HtmlBody, long CreatedAt);
