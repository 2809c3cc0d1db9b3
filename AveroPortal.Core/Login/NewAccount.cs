namespace AveroPortal.Core.Login;

public sealed record NewAccount(string Portal, string Email, string DisplayName, string PasswordHash, long? CustomerId, long? CompanyId, string? Role = null);
