using MudBlazor;

namespace AveroPortal.Blazor.Layout;

internal static class AveroTheme
{
    // Colours chosen for at least 4.5:1 contrast against white text and backgrounds (WCAG AA). Buttons and fields
    // follow the portal's own .btn-primary and .field (sentence case, 1rem, 4px corners); app.css does the rest, so
    // support and colleague pages look like the customer pages.
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
            LinesInputs = "#6b6b6b",
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "4px",
        },
        Typography = new Typography
        {
            Button = new ButtonTypography
            {
                TextTransform = "none",
                FontSize = "1rem",
                FontWeight = "600",
                LetterSpacing = "normal",
            },
        },
    };
}
