namespace AveroPortal.Blazor.Features.Settings;

/// <summary>Which passkey a rename or removal is about (as posted: the page reads the number itself), and its new name.</summary>
public sealed class PasskeyChangeInput
{
    public string? Id { get; set; }

    public string? Name { get; set; }
}
