namespace AveroPortal.Core.Colleagues;

/// <summary>Who wrote a company audit row (company_audit.actor_kind).</summary>
public static class CompanyAuditActorKinds
{
    /// <summary>An administrator of the company, on the colleagues page.</summary>
    public const string Colleague = "colleague";

    /// <summary>A Supportdesk agent (actor_staff_id).</summary>
    public const string Support = "support";

    /// <summary>The person the row is about, acting on their own link (accepting a re-activation).</summary>
    public const string Customer = "customer";
}
