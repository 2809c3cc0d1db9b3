namespace AveroPortal.Blazor;

/// <summary>Marker for the customer-facing texts in Resources/Texts.resx (Dutch) and Texts.en.resx (English).</summary>
public sealed class Texts;
