namespace AveroPortal.Core.Colleagues;

/// <summary>A business account as read inside a <see cref="CompanyLock"/>: just what the role and seat rules need.</summary>
public sealed record CompanyMember(long Id, long CompanyId, string Email, string DisplayName, long CompanyAdmin, long? DisabledAt)
{
    public bool IsActive => DisabledAt is null;

    public bool IsAdministrator => CompanyAdmin != 0;
}
