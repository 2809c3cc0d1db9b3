namespace AveroPortal.Blazor;

/// <summary>Marker for the FAQ texts in Resources/FaqTexts.resx (Dutch) and FaqTexts.en.resx.</summary>
public sealed class FaqTexts;
