namespace AveroPortal.Blazor.Features.Settings;

public sealed class SettingsCodeInput
{
    public string? Code { get; set; }
}
