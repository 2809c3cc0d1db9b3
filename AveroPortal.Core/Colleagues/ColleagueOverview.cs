using AveroPortal.Core.Customers;

namespace AveroPortal.Core.Colleagues;

/// <summary>What one company's people see on the colleagues page: its accounts and its open invitations.</summary>
public sealed record ColleagueOverview(Company Company, IReadOnlyList<ColleagueAccount> Accounts, IReadOnlyList<PendingInvitation> Pending)
{
    /// <summary>Active accounts plus open invitations: the number the limit of five is about.</summary>
    public int InUse => Accounts.Count(a => !a.IsDisabled) + Pending.Count;
}
