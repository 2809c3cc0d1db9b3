namespace AveroPortal.Blazor.Components.Support;

public sealed record ActionInput(string Verification, string Reason, string? Email);
