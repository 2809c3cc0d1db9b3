namespace AveroPortal.Core.Customers;

public sealed record Company(long Id, string KvkNumber, string Name, string City, long Insured, string AdviserName, string AdviserPhone, string AdviserEmail)
{
    public bool IsInsured => Insured != 0;

    public Adviser Adviser => new(AdviserName, AdviserPhone, AdviserEmail);
}
