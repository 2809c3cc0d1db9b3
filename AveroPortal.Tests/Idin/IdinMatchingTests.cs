using AveroPortal.Core.Customers;
using AveroPortal.Core.Idin;
using static AveroPortal.Core.Idin.IdinField;
using static AveroPortal.Core.Idin.IdinMatchKind;

namespace AveroPortal.Tests.Idin;

public sealed class IdinMatchingTests
{
    /// <summary>One row of the table: who the bank confirmed, Avéro's candidates, and what must come out.</summary>
    private sealed record MatchCase(
        string Name, IdinBankIdentity Bank, Customer[] Candidates, IdinMatchKind Kind, long? CustomerId,
        IdinField[] Differences, bool Ambiguous = false);

    // Default person on both sides: Jan Maria de Vries, born 14 March 1975, Wâldwei 12, 8911 AH Leeuwarden.
    // The bank speaks iDIN's formats, Avéro its own; each row changes only what it is about.
    private static IdinBankIdentity Bank(
        string? initials = "J.M.", string? prefix = "de", string? lastName = "Vries",
        string? partnerPrefix = null, string? partnerName = null, string? preferred = null,
        string? dateOfBirth = "19750314", string? street = "Wâldwei", string? houseNumber = "12", string? suffix = null,
        string? postcode = "8911AH", string? city = "Leeuwarden", string? country = "NL") =>
        new("BIN-NL-0001", initials, prefix, lastName, partnerPrefix, partnerName, preferred, dateOfBirth, street,
            houseNumber, suffix, postcode, city, country);

    private static Customer Avero(
        long id = 1, string initials = "J.M.", string firstName = "Jan", string? prefix = "de", string lastName = "Vries",
        string dateOfBirth = "1975-03-14", string street = "Wâldwei", long houseNumber = 12, string? suffix = null,
        string postcode = "8911 AH", string city = "Leeuwarden") =>
        new(id, $"AV{id:000000}", initials, firstName, prefix, lastName, dateOfBirth, street, houseNumber, suffix,
            postcode, city, "Adviesbureau Fryslân", "058 212 34 56", "advies@example.nl");

    // Marieke Jansen, married to Jan de Vries: legal name Jansen, partner name de Vries.
    private static IdinBankIdentity Marieke(string? preferred = null, string? postcode = "8911AH", string? houseNumber = "12", string? suffix = null) =>
        Bank(initials: "M.", prefix: null, lastName: "Jansen", partnerPrefix: "de", partnerName: "Vries", preferred: preferred,
            dateOfBirth: "19780922", postcode: postcode, houseNumber: houseNumber, suffix: suffix);

    private static Customer AveroMarieke(string? prefix, string lastName, long id = 1, string postcode = "8911 AH", long houseNumber = 12, string? suffix = null) =>
        Avero(id: id, initials: "M.", firstName: "Marieke", prefix: prefix, lastName: lastName, dateOfBirth: "1978-09-22",
            postcode: postcode, houseNumber: houseNumber, suffix: suffix);

    private static readonly MatchCase[] Cases =
    [
        // Full matches: spelling differences that normalization must absorb.
        new("Same person in iDIN and Avéro formats", Bank(), [Avero()], FullMatch, 1, []),
        new("Prefix van der split off on both sides",
            Bank(initials: "P.", prefix: "van der", lastName: "Berg"),
            [Avero(initials: "P.", firstName: "Pieter", prefix: "van der", lastName: "Berg")], FullMatch, 1, []),
        new("Prefix in other case and glued to the name at Avéro",
            Bank(initials: "P.", prefix: "Van Der", lastName: "berg"),
            [Avero(initials: "P.", prefix: null, lastName: "Vanderberg")], FullMatch, 1, []),
        new("Prefix inside Avéro's last name field",
            Bank(initials: "P.", prefix: "van der", lastName: "Berg"),
            [Avero(initials: "P.", prefix: null, lastName: "van der Berg")], FullMatch, 1, []),
        new("Prefix 't with a typographic apostrophe at Avéro",
            Bank(initials: "H.", prefix: "'t", lastName: "Hart"),
            [Avero(initials: "H.", firstName: "Hélène", prefix: "’t", lastName: "Hart")], FullMatch, 1, []),
        new("Prefix van 't without apostrophe at Avéro",
            Bank(initials: "G.", prefix: "van 't", lastName: "Hof"),
            [Avero(initials: "G.", firstName: "Gerrit", prefix: "van t", lastName: "Hof")], FullMatch, 1, []),
        new("Prefix in 't as part of one last name at Avéro",
            Bank(initials: "Z.", prefix: "in 't", lastName: "Veld"),
            [Avero(initials: "Z.", firstName: "Zoë", prefix: null, lastName: "In 't Veld")], FullMatch, 1, []),
        new("Diaeresis in last name missing at Avéro",
            Bank(initials: "H.", prefix: null, lastName: "Citroën"),
            [Avero(initials: "H.", firstName: "Hélène", prefix: null, lastName: "Citroen")], FullMatch, 1, []),
        new("Dotless i and cedilla typed plainly at Avéro",
            Bank(initials: "A.", prefix: null, lastName: "Çelik-Yılmaz"),
            [Avero(initials: "A.", firstName: "Ayşe", prefix: null, lastName: "Celik Yilmaz")], FullMatch, 1, []),
        new("Street and city spelled differently are not compared",
            Bank(street: "Wâldwei", city: "Ljouwert"),
            [Avero(street: "Waldwei", city: "LEEUWARDEN")], FullMatch, 1, []),
        new("Partner name at Avéro", Marieke(), [AveroMarieke("de", "Vries")], FullMatch, 1, []),
        new("Double name legal then partner at Avéro", Marieke(), [AveroMarieke(null, "Jansen-de Vries")], FullMatch, 1, []),
        new("Double name partner then legal at Avéro", Marieke(), [AveroMarieke("de", "Vries-Jansen")], FullMatch, 1, []),
        new("Double name with spaces around the hyphen", Marieke(), [AveroMarieke(null, "Jansen - de Vries")], FullMatch, 1, []),
        new("Preferred last name when the bank sends no partner name",
            Bank(initials: "S.", prefix: null, lastName: "Bakker", preferred: "Bakker-van Dijk"),
            [Avero(initials: "S.", prefix: null, lastName: "Bakker-van Dijk")], FullMatch, 1, []),
        new("Initials with and without dots", Bank(initials: "J.M."), [Avero(initials: "JM")], FullMatch, 1, []),
        new("Only the first initial at Avéro", Bank(initials: "J.M."), [Avero(initials: "J.")], FullMatch, 1, []),
        new("Only the first initial at the bank", Bank(initials: "J"), [Avero(initials: "J.M.")], FullMatch, 1, []),
        new("Lower case initials with spaces", Bank(initials: "j m"), [Avero(initials: "J.M.")], FullMatch, 1, []),
        new("No initials at the bank are not compared", Bank(initials: null), [Avero(initials: "J.M.")], FullMatch, 1, []),
        new("No initials at Avéro are not compared", Bank(initials: "J.M."), [Avero(initials: "")], FullMatch, 1, []),
        new("Initial with accent at Avéro",
            Bank(initials: "E.", prefix: null, lastName: "Dijkstra"),
            [Avero(initials: "É.", firstName: "Émile", prefix: null, lastName: "Dijkstra")], FullMatch, 1, []),
        new("Postcode with spaces and mixed case", Bank(postcode: " 8911  Ah "), [Avero(postcode: "8911ah")], FullMatch, 1, []),
        new("House number with a leading zero at the bank", Bank(houseNumber: "012"), [Avero(houseNumber: 12)], FullMatch, 1, []),
        new("ISO date of birth from the broker", Bank(dateOfBirth: "1975-03-14"), [Avero(dateOfBirth: "1975-03-14")], FullMatch, 1, []),
        new("Suffix with hyphen and lower case at Avéro", Bank(suffix: "A"), [Avero(suffix: "-a")], FullMatch, 1, []),
        new("Suffix bis in other case", Bank(suffix: "bis"), [Avero(suffix: "BIS")], FullMatch, 1, []),
        new("Numeric suffix with a space", Bank(houseNumber: "101", suffix: "2"), [Avero(houseNumber: 101, suffix: " 2")], FullMatch, 1, []),
        new("No suffix on either side", Bank(suffix: ""), [Avero(suffix: null)], FullMatch, 1, []),

        // Partial: the name group matches and the date of birth or the whole address does.
        new("Moved address", Bank(postcode: "9001ZK", houseNumber: "7", street: "Ruïnestraat", city: "Grou"),
            [Avero()], Partial, 1, [Postcode, HouseNumber]),
        new("Wrong date of birth at Avéro", Bank(), [Avero(dateOfBirth: "1975-04-13")], Partial, 1, [DateOfBirth]),
        new("Day and month swapped at Avéro", Bank(dateOfBirth: "19750604"), [Avero(dateOfBirth: "1975-04-06")], Partial, 1, [DateOfBirth]),
        new("Suffix only at the bank", Bank(suffix: "A"), [Avero(suffix: null)], Partial, 1, [HouseNumberSuffix]),
        new("Suffix bis against B", Bank(suffix: "bis"), [Avero(suffix: "B")], Partial, 1, [HouseNumberSuffix]),
        new("Moved within the street", Bank(houseNumber: "14"), [Avero()], Partial, 1, [HouseNumber]),
        new("Unknown day of birth at the bank", Bank(dateOfBirth: "19750300"), [Avero()], Partial, 1, [DateOfBirth]),
        new("Date of birth at Avéro in Dutch notation", Bank(), [Avero(dateOfBirth: "14-03-1975")], Partial, 1, [DateOfBirth]),
        new("Foreign postcode at the bank", Bank(postcode: "B-1000", city: "Brussel", country: "BE"), [Avero()], Partial, 1, [Postcode]),
        new("Partner name at Avéro and moved out of an A address",
            Marieke(postcode: "8921CT", houseNumber: "3"),
            [AveroMarieke("de", "Vries", suffix: "A")], Partial, 1, [Postcode, HouseNumber, HouseNumberSuffix]),

        // No match for a single candidate.
        new("Partner at the same address with the same birthday",
            Bank(), [Avero(initials: "M.", firstName: "Marieke", prefix: null, lastName: "Jansen")], NoMatch, null, []),
        new("Twin brother with other initials", Bank(), [Avero(initials: "P.", firstName: "Pieter")], NoMatch, null, []),
        new("Namesake elsewhere with another birthday",
            Bank(), [Avero(dateOfBirth: "1982-11-02", postcode: "1012 AB", houseNumber: 5)], NoMatch, null, []),
        new("Wrong birthday and another suffix", Bank(suffix: "A"), [Avero(dateOfBirth: "1975-03-15", suffix: "B")], NoMatch, null, []),
        new("Initials in another order", Bank(initials: "J.M."), [Avero(initials: "M.J.")], NoMatch, null, []),
        new("Husband under the partner name with other initials",
            Marieke(), [Avero(initials: "J.", prefix: "de", lastName: "Vries")], NoMatch, null, []),
        new("Husband with only a first initial under the partner name, same birthday and address",
            Bank(initials: "J.", prefix: null, lastName: "Jansen", partnerPrefix: "de", partnerName: "Vries", dateOfBirth: "19750314"),
            [Avero(initials: "J.M.", prefix: "de", lastName: "Vries")], NoMatch, null, []),
        new("Husband without initials at Avéro under the partner name",
            Marieke(), [Avero(initials: "", prefix: "de", lastName: "Vries", dateOfBirth: "1978-09-22")], NoMatch, null, []),
        new("Bank sends no last name", Bank(prefix: null, lastName: null), [Avero()], NoMatch, null, []),
        new("Prefix missing at Avéro", Bank(prefix: "de", lastName: "Vries"), [Avero(prefix: null, lastName: "Vries")], NoMatch, null, []),
        new("Empty candidate list", Bank(), [], NoMatch, null, []),

        // Several candidates.
        new("Two identical full matches", Bank(), [Avero(id: 1), Avero(id: 2)], NoMatch, null, [], Ambiguous: true),
        new("Twins stored with the same first initial",
            Bank(initials: "J.M."), [Avero(id: 1, initials: "J."), Avero(id: 2, initials: "J.", firstName: "Johan")],
            NoMatch, null, [], Ambiguous: true),
        new("Full match wins over an old partial record",
            Bank(), [Avero(id: 1, dateOfBirth: "1975-04-13"), Avero(id: 2)], FullMatch, 2, []),
        new("Two partial records", Bank(),
            [Avero(id: 1, dateOfBirth: "1975-04-13"), Avero(id: 2, postcode: "9001 ZK", houseNumber: 7)],
            NoMatch, null, [], Ambiguous: true),
        new("Partial next to a partner who does not qualify", Bank(houseNumber: "14"),
            [Avero(id: 1, initials: "M.", firstName: "Marieke", prefix: null, lastName: "Jansen", houseNumber: 14), Avero(id: 2)],
            Partial, 2, [HouseNumber]),
        new("Full match next to partner and child", Bank(),
            [
                Avero(id: 1, initials: "M.", firstName: "Marieke", prefix: null, lastName: "Jansen"),
                Avero(id: 2, initials: "S.", firstName: "Sanne", dateOfBirth: "2005-06-30"),
                Avero(id: 3),
            ],
            FullMatch, 3, []),
        new("Only housemates who do not qualify", Bank(),
            [
                Avero(id: 1, initials: "M.", firstName: "Marieke", prefix: null, lastName: "Jansen"),
                Avero(id: 2, initials: "S.", firstName: "Sanne", dateOfBirth: "2005-06-30"),
            ],
            NoMatch, null, []),
    ];

    public static TheoryData<string> CaseNames => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MatchFollowsThePolicy(string caseName)
    {
        var row = Cases.Single(c => c.Name == caseName);

        var result = IdinMatching.Match(row.Bank, row.Candidates);

        Assert.Equal(row.Kind, result.Kind);
        Assert.Equal(row.CustomerId, result.Customer?.Id);
        Assert.Equal(row.Differences, result.Differences);
        Assert.Equal(row.Ambiguous, result.Ambiguous);
    }

    [Fact]
    public void CaseNamesAreUnique()
    {
        // A duplicated name would silently run one row twice and the other never.
        Assert.Equal(Cases.Length, Cases.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void CompareReportsEveryDifferingFieldInEnumOrder()
    {
        var bank = Bank(initials: "K.", prefix: null, lastName: "Smit", dateOfBirth: "19600101", postcode: "1012AB", houseNumber: "5", suffix: "hs");

        Assert.Equal([Name, DateOfBirth, Postcode, HouseNumber, HouseNumberSuffix], IdinMatching.Compare(bank, Avero()));
    }

    [Fact]
    public void CompareReportsOnlyNameWhenLastNameAndInitialsBothDiffer()
    {
        Assert.Equal([Name], IdinMatching.Compare(Bank(initials: "K.", lastName: "Smit", prefix: null), Avero()));
    }

    [Fact]
    public void CompareReportsInitialsWhenOnlyTheyDiffer()
    {
        Assert.Equal([Initials], IdinMatching.Compare(Bank(initials: "K."), Avero()));
    }

    [Fact]
    public void UnparsableValuesOnBothSidesDoNotConfirmEachOther()
    {
        var bank = Bank(dateOfBirth: "onbekend", postcode: "onbekend");

        Assert.Equal([DateOfBirth, Postcode], IdinMatching.Compare(bank, Avero(dateOfBirth: "onbekend", postcode: "onbekend")));
    }

    [Fact]
    public void TwoCustomersWithoutLastNameDoNotMatchABankWithout()
    {
        Assert.Equal([Name], IdinMatching.Compare(Bank(prefix: null, lastName: null), Avero(prefix: null, lastName: "")));
    }
}
