namespace AveroPortal.Blazor.Components.Settings;

public sealed class SettingsCodeInput
{
    public string? Code { get; set; }
}
