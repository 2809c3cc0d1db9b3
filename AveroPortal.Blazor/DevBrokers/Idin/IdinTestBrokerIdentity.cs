using AveroPortal.Core.Idin;

namespace AveroPortal.Blazor.DevBrokers.Idin;

/// <summary>A person the test broker's bank page offers, with the label that says how they meet the seeded customers.</summary>
internal sealed record IdinTestBrokerIdentity(string Label, IdinBankIdentity Person);
