namespace AveroPortal.Blazor.Components.Login;

public sealed class PasswordInput
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}
