namespace AveroPortal.Core.Settings;

public sealed record PasswordChangeRequest(string? CurrentPassword, string? Code, string? NewPassword, string? Repeat);
