namespace AveroPortal.Blazor.Features.PasswordReset;

public sealed class ForgottenPasswordInput
{
    public string? Email { get; set; }
}
