namespace AveroPortal.Blazor;

/// <summary>Marker for the support desk's texts in Resources/SupportTexts.resx (Dutch) and SupportTexts.en.resx (English).</summary>
public sealed class SupportTexts;
