using AveroPortal.Core.Customers;

namespace AveroPortal.Core.Idin;

/// <summary>
/// Decides which customer, if any, the person the bank confirmed through iDIN is. Pure: the caller selects the
/// candidates (for example by date of birth or postcode) and this class decides.
/// <para>
/// A customer is found by date of birth + legal last name (with prefix) + postcode + house number (+ suffix), after
/// normalizing case, diacritics, whitespace, postcode format ("1234 AB" = "1234ab"), name prefixes ("van der") and
/// initials (see <see cref="IdinNormalization"/>). The address at the bank must equal Avéro's.
/// </para>
/// <list type="bullet">
/// <item>Name group = last name AND initials. The last name matches when Avéro's
/// <see cref="IdinNormalization.LastName"/>(NamePrefix, LastName) equals one of the bank's: legal name (prefix +
/// name), partner name (partner prefix + partner name), preferred last name, or legal+partner / partner+legal (Dutch
/// double names such as "Jansen-de Vries" and "de Vries-Jansen"). Initials match when one is a prefix of the other
/// ("J" and "JM": Avéro often stores only the first initial); when either side has none they are not compared.
/// When Avéro's name equals only the bank's partner or preferred name, the initials must be present and equal:
/// the partner carries that name too.
/// A different last name is reported as <see cref="IdinField.Name"/> only; <see cref="IdinField.Initials"/> is
/// reported when the last name matches and only the initials differ.</item>
/// <item>Address group = postcode AND house number AND suffix, each reported separately. Street and city are not
/// compared: they follow from postcode and number and are often abbreviated. A missing suffix on both sides is equal;
/// "A" against none differs.</item>
/// <item>Date of birth is compared as a date; unparsable on either side differs.</item>
/// <item>Per candidate: FullMatch when nothing differs; Partial when the name group matches AND (the date of birth OR
/// the whole address group matches) but not everything; otherwise the candidate does not qualify (same birthday and
/// address but another name is a partner or sibling, whose data must never be shown).</item>
/// <item>Over all candidates: exactly one FullMatch gives FullMatch, even when partial candidates exist. More than
/// one FullMatch gives NoMatch with Ambiguous (never guess between two people). Otherwise exactly one Partial gives
/// Partial with that customer and its differences; more than one gives NoMatch with Ambiguous; none gives NoMatch.</item>
/// </list>
/// </summary>
internal static class IdinMatching
{
    /// <summary>Matches the bank identity against the candidates by the rules in <see cref="IdinMatching"/>.</summary>
    public static IdinMatchResult Match(IdinBankIdentity bank, IReadOnlyList<Customer> candidates)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(candidates);

        Customer? full = null;
        var fullCount = 0;
        Customer? partial = null;
        IReadOnlyList<IdinField> partialDifferences = [];
        var partialCount = 0;

        foreach (var candidate in candidates)
        {
            var differences = Compare(bank, candidate);
            if (differences.Count == 0)
            {
                full = candidate;
                fullCount++;
            }
            else if (QualifiesAsPartial(differences))
            {
                partial = candidate;
                partialDifferences = differences;
                partialCount++;
            }
        }

        return (fullCount, partialCount) switch
        {
            (1, _) => new IdinMatchResult(IdinMatchKind.FullMatch, full, []),
            ( > 1, _) => new IdinMatchResult(IdinMatchKind.NoMatch, null, [], Ambiguous: true),
            (0, 1) => new IdinMatchResult(IdinMatchKind.Partial, partial, partialDifferences),
            (0, > 1) => new IdinMatchResult(IdinMatchKind.NoMatch, null, [], Ambiguous: true),
            _ => new IdinMatchResult(IdinMatchKind.NoMatch, null, []),
        };
    }

    /// <summary>
    /// Field-by-field comparison of one customer, in <see cref="IdinField"/> order (the mismatch page highlights
    /// these). Empty means a full match.
    /// </summary>
    public static IReadOnlyList<IdinField> Compare(IdinBankIdentity bank, Customer customer)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(customer);

        var differences = new List<IdinField>(6);

        var lastName = LastNameMatch(bank, customer);
        if (lastName == NameMatch.None)
        {
            differences.Add(IdinField.Name);
        }
        else if (!InitialsMatch(bank.Initials, customer.Initials, strict: lastName == NameMatch.PartnerName))
        {
            differences.Add(IdinField.Initials);
        }

        if (!BothPresentAndEqual(IdinNormalization.DateOfBirth(bank.DateOfBirth), IdinNormalization.DateOfBirth(customer.DateOfBirth)))
        {
            differences.Add(IdinField.DateOfBirth);
        }

        if (!BothPresentAndEqual(IdinNormalization.Postcode(bank.Postcode), IdinNormalization.Postcode(customer.Postcode)))
        {
            differences.Add(IdinField.Postcode);
        }

        var averoHouseNumber = IdinNormalization.HouseNumber(customer.HouseNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!BothPresentAndEqual(IdinNormalization.HouseNumber(bank.HouseNumber), averoHouseNumber))
        {
            differences.Add(IdinField.HouseNumber);
        }

        if (IdinNormalization.Suffix(bank.HouseNumberSuffix) != IdinNormalization.Suffix(customer.HouseNumberSuffix))
        {
            differences.Add(IdinField.HouseNumberSuffix);
        }

        return differences.ToArray();
    }

    private static bool QualifiesAsPartial(IReadOnlyList<IdinField> differences)
    {
        var nameMatches = !differences.Contains(IdinField.Name) && !differences.Contains(IdinField.Initials);
        var birthMatches = !differences.Contains(IdinField.DateOfBirth);
        var addressMatches = !differences.Contains(IdinField.Postcode)
            && !differences.Contains(IdinField.HouseNumber)
            && !differences.Contains(IdinField.HouseNumberSuffix);
        return nameMatches && (birthMatches || addressMatches);
    }

    private enum NameMatch { None, OwnName, PartnerName }

    private static NameMatch LastNameMatch(IdinBankIdentity bank, Customer customer)
    {
        var avero = IdinNormalization.LastName(customer.NamePrefix, customer.LastName);
        if (avero.Length == 0)
        {
            // Two missing names are not the same name.
            return NameMatch.None;
        }

        var legal = IdinNormalization.LastName(bank.LegalLastNamePrefix, bank.LegalLastName);
        var partner = IdinNormalization.LastName(bank.PartnerLastNamePrefix, bank.PartnerLastName);
        var preferred = IdinNormalization.LastName(null, bank.PreferredLastName);

        if (avero == legal || (legal.Length > 0 && partner.Length > 0 && (avero == legal + partner || avero == partner + legal)))
        {
            return NameMatch.OwnName;
        }

        // Only the partner's (or a preferred) name: the partner carries that name too, so it says less about who this is.
        return avero == partner || avero == preferred ? NameMatch.PartnerName : NameMatch.None;
    }

    /// <summary>
    /// Loose (one a prefix of the other, absent = not compared) for the customer's own name; strict (both present
    /// and equal) when only the partner's name matched, so a spouse at the same address can never pass for the
    /// customer on "J." against "J.M." or on missing initials.
    /// </summary>
    private static bool InitialsMatch(string? bankInitials, string? averoInitials, bool strict)
    {
        var bank = IdinNormalization.Initials(bankInitials);
        var avero = IdinNormalization.Initials(averoInitials);
        if (strict)
        {
            return bank.Length > 0 && bank == avero;
        }

        if (bank.Length == 0 || avero.Length == 0)
        {
            return true;
        }

        return bank.StartsWith(avero, StringComparison.Ordinal) || avero.StartsWith(bank, StringComparison.Ordinal);
    }

    // Unparsable on both sides must not count as equal, or two broken values would confirm each other.
    private static bool BothPresentAndEqual(string? bank, string? avero) => bank is not null && bank == avero;

    private static bool BothPresentAndEqual(DateOnly? bank, DateOnly? avero) => bank is { } b && avero is { } a && b == a;
}
