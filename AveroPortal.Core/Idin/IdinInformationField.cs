using AveroPortal.Core.Customers;

namespace AveroPortal.Core.Idin;

/// <summary>
/// Fields the mismatch page shows for information only: street and city follow from postcode and house number and
/// are often abbreviated, so <see cref="IdinMatching"/> never lets them decide. The customer still sees which differ.
/// </summary>
public enum IdinInformationField { Street, City }

public static class IdinInformation
{
    /// <summary>The informational fields that differ after the usual normalisation (case, diacritics, spaces).</summary>
    public static IReadOnlyList<IdinInformationField> Differences(IdinBankIdentity bank, Customer customer)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(customer);
        var differences = new List<IdinInformationField>(2);
        if (IdinNormalization.Text(bank.Street) != IdinNormalization.Text(customer.Street))
        {
            differences.Add(IdinInformationField.Street);
        }

        if (IdinNormalization.Text(bank.City) != IdinNormalization.Text(customer.City))
        {
            differences.Add(IdinInformationField.City);
        }

        return differences;
    }
}
