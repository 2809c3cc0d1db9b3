namespace AveroPortal.Blazor.Features.Support;

public sealed record ActionInput(string Verification, string Reason, string? Email);
