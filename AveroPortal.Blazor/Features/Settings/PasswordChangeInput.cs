namespace AveroPortal.Blazor.Features.Settings;

public sealed class PasswordChangeInput
{
    public string? CurrentPassword { get; set; }

    public string? Code { get; set; }

    public string? NewPassword { get; set; }

    public string? Repeat { get; set; }
}
