namespace AveroPortal.Core.Login;

public sealed record Enrollment(string Base32Secret, string OtpAuthUri, string Email);
