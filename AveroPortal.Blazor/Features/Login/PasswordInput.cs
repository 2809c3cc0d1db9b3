namespace AveroPortal.Blazor.Features.Login;

public sealed class PasswordInput
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}
