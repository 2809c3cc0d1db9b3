using AveroPortal.Core.Customers;
using AveroPortal.Core.Idin;
using AveroPortal.Core.Rebinding;

namespace AveroPortal.Tests.Rebinding;

/// <summary>The re-binding decision alone: which bank identity may replace this account's authenticator.</summary>
public sealed class AuthenticatorRebindingDecisionTests
{
    private const long AccountCustomer = 41;
    private const long OtherCustomer = 42;

    private static Customer CustomerWithId(long id) => new(id, "10000" + id, "J.", "Jan", "de", "Vries", "1975-03-14",
        "Stationsweg", 12, null, "8911 AH", "Leeuwarden", "Bouma Assurantiën", "058 212 34 56", "sietske@example.com");

    private static IdinMatchResult Full(long customerId) => new(IdinMatchKind.FullMatch, CustomerWithId(customerId), []);

    [Fact]
    public void AnIdentityLinkedToTheAccountsCustomerIsAccepted() =>
        Assert.Equal(RebindDecision.AcceptLinked, AuthenticatorRebinding.Decide(AccountCustomer, AccountCustomer, null));

    [Fact]
    public void AnIdentityLinkedToAnotherCustomerIsRefused() =>
        Assert.Equal(RebindDecision.RefuseOtherCustomer, AuthenticatorRebinding.Decide(AccountCustomer, OtherCustomer, null));

    [Fact]
    public void AnIdentityLinkedToAnotherCustomerIsRefusedEvenWhenItsDataFullyMatchTheAccountsCustomer() =>
        Assert.Equal(RebindDecision.RefuseOtherCustomer, AuthenticatorRebinding.Decide(AccountCustomer, OtherCustomer, Full(AccountCustomer)));

    [Fact]
    public void AFullMatchOnTheAccountsCustomerIsAccepted() =>
        Assert.Equal(RebindDecision.AcceptFullMatch, AuthenticatorRebinding.Decide(AccountCustomer, null, Full(AccountCustomer)));

    [Fact]
    public void AFullMatchOnAnotherCustomerIsRefused() =>
        Assert.Equal(RebindDecision.RefuseOtherCustomer, AuthenticatorRebinding.Decide(AccountCustomer, null, Full(OtherCustomer)));

    [Fact]
    public void APartialMatchIsRefusedEvenOnTheAccountsCustomer() =>
        Assert.Equal(RebindDecision.RefusePartialMatch, AuthenticatorRebinding.Decide(AccountCustomer, null,
            new IdinMatchResult(IdinMatchKind.Partial, CustomerWithId(AccountCustomer), [IdinField.Postcode])));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NoMatchIsRefused(bool ambiguous) =>
        Assert.Equal(RebindDecision.RefuseNoMatch, AuthenticatorRebinding.Decide(AccountCustomer, null,
            new IdinMatchResult(IdinMatchKind.NoMatch, null, [], ambiguous)));

    [Theory]
    [InlineData(RebindDecision.AcceptLinked, true)]
    [InlineData(RebindDecision.AcceptFullMatch, true)]
    [InlineData(RebindDecision.RefuseOtherCustomer, false)]
    [InlineData(RebindDecision.RefusePartialMatch, false)]
    [InlineData(RebindDecision.RefuseNoMatch, false)]
    public void OnlyTheTwoAcceptingDecisionsAccept(RebindDecision decision, bool accepted) =>
        Assert.Equal(accepted, AuthenticatorRebinding.IsAccepted(decision));
}
