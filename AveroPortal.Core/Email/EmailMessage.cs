namespace AveroPortal.Core.Email;

/// <summary>One e-mail, always with a plain-text part next to the HTML.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody);
