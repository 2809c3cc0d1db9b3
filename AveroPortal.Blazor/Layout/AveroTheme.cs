using MudBlazor;

namespace AveroPortal.Blazor.Layout;

internal static class AveroTheme
{
    // Colours chosen for at least 4.5:1 contrast against white text and backgrounds (WCAG AA).
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#004170",
            Secondary = "#a83a00",
            AppbarBackground = "#004170",
            Success = "#1b5e20",
            Error = "#b00020",
            Warning = "#7a4a00",
            Info = "#01579b",
            TextSecondary = "#4a4a4a",
        },
    };
}
