using AveroPortal.Core.Customers;
using AveroPortal.Core.Login;

namespace AveroPortal.Core.Idin;

/// <summary>
/// Turns a bank identity confirmed by the broker into a portal login: an identity linked before signs in directly,
/// otherwise the matching policy decides. Only a full match is stored (broker + BIN → customer); every attempt
/// leaves a login event, but never the bank's data.
/// </summary>
public sealed class IdinLogin(IdinRepository identities, CustomerRepository customers, LoginEventRepository events, IdinOptions options)
{
    public static class Outcomes
    {
        public const string Mismatch = "data-mismatch";
        public const string NoMatch = "no-match";
        public const string Failed = "failed";
        public const string Cancelled = "cancelled";
    }

    public async Task<IdinLoginResult> CompleteAsync(IdinBankIdentity bank, ClientInfo client)
    {
        if (await identities.GetLinkedAsync(options.Broker, bank.Bin) is { } linked
            && await customers.GetCustomerAsync(linked.CustomerId) is { } linkedCustomer)
        {
            await identities.TouchAsync(linked.Id);
            await events.AddAsync(null, Portals.Private, LoginMethods.Idin, LoginOutcomes.Success, client, linkedCustomer.Id);
            return new IdinLoginResult(IdinOutcome.SignedIn, linked, linkedCustomer, []);
        }

        var match = await MatchAsync(bank);
        switch (match.Kind)
        {
            case IdinMatchKind.FullMatch:
                var identity = await identities.LinkAsync(options.Broker, bank.Bin, match.Customer!.Id);
                await events.AddAsync(null, Portals.Private, LoginMethods.Idin, LoginOutcomes.Success, client, match.Customer.Id);
                return new IdinLoginResult(IdinOutcome.SignedIn, identity, match.Customer, []);
            case IdinMatchKind.Partial:
                // The support desk can see that this customer tried and what kind of problem it was; not the bank's values.
                await events.AddAsync(null, Portals.Private, LoginMethods.Idin, Outcomes.Mismatch, client, match.Customer!.Id);
                return new IdinLoginResult(IdinOutcome.Mismatch, null, match.Customer, match.Differences);
            default:
                await events.AddAsync(null, Portals.Private, LoginMethods.Idin, Outcomes.NoMatch, client);
                return new IdinLoginResult(IdinOutcome.NoMatch, null, null, []);
        }
    }

    /// <summary>The matching decision alone, without linking or logging (the mismatch page shows it again).</summary>
    public async Task<IdinMatchResult> MatchAsync(IdinBankIdentity bank)
    {
        var houseNumber = long.TryParse(IdinNormalization.HouseNumber(bank.HouseNumber), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : (long?)null;
        var candidates = await identities.FindCandidatesAsync(
            IdinNormalization.DateOfBirth(bank.DateOfBirth), IdinNormalization.Postcode(bank.Postcode), houseNumber);
        return IdinMatching.Match(bank, candidates);
    }

    public Task RecordFailureAsync(string outcome, ClientInfo client) =>
        events.AddAsync(null, Portals.Private, LoginMethods.Idin, outcome, client);
}
