namespace AveroPortal.Blazor.Features.Freeze;

/// <summary>The confirm form has no fields: the token is in the page's address, the button is the consent.</summary>
internal sealed class FreezeInput;
