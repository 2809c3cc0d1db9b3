using AveroPortal.Core.Customers;
using AveroPortal.Core.Login;
using AveroPortal.Core.Operations;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>
/// The service-provider side of an eHerkenning login: the signed AuthnRequest out, the artifact (or POSTed
/// response) back, every check of the validator plus the stateful ones (our request, used once; artifact and
/// assertion used once), then the KVK check against the insured companies.
/// </summary>
public sealed class EHerkenningLogin(
    EHerkenningOptions options,
    IBrokerMetadataSource brokerMetadata,
    IArtifactResolver resolver,
    SamlStateRepository state,
    SamlResponseValidator validator,
    CustomerRepository customers,
    LoginEventRepository events,
    ILogger<EHerkenningLogin> logger,
    TimeProvider clock)
{
    /// <summary>The outcomes of eHerkenning logins as written in the login events (besides <see cref="LoginOutcomes.Success"/>).</summary>
    public static class Outcomes
    {
        public const string Cancelled = "cancelled";
        public const string LevelTooLow = "level-too-low";
        public const string KvkMissing = "kvk-missing";
        public const string KvkNotInsured = "kvk-not-insured";
        public const string Refused = "refused";
    }

    /// <returns>Null when there is no trusted broker metadata (logged): the login can not start.</returns>
    public async Task<EHerkenningStart?> BeginAsync()
    {
        if (await BrokerAsync() is not { } broker)
        {
            return null;
        }

        var requestId = SamlSigner.NewId();
        var correlation = Invitations.InvitationTokens.NewToken();
        await state.AddRequestAsync(requestId, correlation);
        var xml = SamlRequests.AuthnRequest(options, requestId, broker.SsoUrl, clock.GetUtcNow()).OuterXml;
        // The RelayState is our request id: short, and only accepted when it is exactly the request this browser started.
        return new EHerkenningStart(broker.SsoUrl, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(xml)), requestId, correlation);
    }

    /// <summary>
    /// What arrived at the ACS, in the configured binding only: an HTTP-POST SAMLResponse while Artifact is
    /// configured would skip the signed back channel, a SAMLart while Post is configured is not ours either.
    /// </summary>
    public Task<EHerkenningResult> CompleteAsync(string? artifact, string? samlResponse, string? relayState, string? correlation, ClientInfo client)
    {
        if (!string.IsNullOrEmpty(artifact) && !string.IsNullOrEmpty(samlResponse))
        {
            return FailAsync("both SAMLart and SAMLResponse were sent", PortalMetrics.SamlReasons.Binding, client);
        }

        return options.ResponseBinding == ResponseBinding.Artifact
            ? CompleteArtifactAsync(artifact, samlResponse, relayState, correlation, client)
            : CompletePostAsync(samlResponse, artifact, relayState, correlation, client);
    }

    private async Task<EHerkenningResult> CompleteArtifactAsync(string? artifact, string? samlResponse, string? relayState, string? correlation, ClientInfo client)
    {
        if (!string.IsNullOrEmpty(samlResponse))
        {
            return await FailAsync("an HTTP-POST SAMLResponse arrived while Broker:ResponseBinding is Artifact (refused: it would skip the signed back channel)", PortalMetrics.SamlReasons.Binding, client);
        }

        if (!SamlRequests.IsWellFormedArtifact(artifact))
        {
            return await FailAsync("malformed or missing SAMLart", PortalMetrics.SamlReasons.Artifact, client);
        }

        if (string.IsNullOrEmpty(relayState))
        {
            return await FailAsync("RelayState is missing", PortalMetrics.SamlReasons.RelayState, client);
        }

        if (await BrokerAsync() is not { } broker)
        {
            return await FailAsync("no trusted broker metadata", PortalMetrics.SamlReasons.NoMetadata, client);
        }

        var expectedSource = System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(broker.EntityId));
        if (!SamlRequests.ArtifactSourceId(artifact!).AsSpan().SequenceEqual(expectedSource) || broker.ArtifactResolutionUrl is null)
        {
            return await FailAsync("artifact from an unknown source", PortalMetrics.SamlReasons.Artifact, client);
        }

        if (!await state.TryUseOnceAsync("artifact", artifact!, clock.GetUtcNow().AddHours(1)))
        {
            return await FailAsync("artifact used before (replay)", PortalMetrics.SamlReasons.Replay, client);
        }

        var resolveId = SamlSigner.NewId();
        string answer;
        try
        {
            answer = await resolver.ResolveAsync(broker.ArtifactResolutionUrl,
                SamlRequests.ArtifactResolve(options, resolveId, artifact!, broker.ArtifactResolutionUrl, clock.GetUtcNow()));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return await FailAsync("artifact resolution failed: " + e.Message, PortalMetrics.SamlReasons.Resolution, client);
        }

        var validation = validator.ValidateArtifactResponse(answer, Expectations(broker, resolveId));
        return await FinishAsync(validation, broker, relayState, correlation, client);
    }

    private async Task<EHerkenningResult> CompletePostAsync(string? samlResponse, string? artifact, string? relayState, string? correlation, ClientInfo client)
    {
        if (!string.IsNullOrEmpty(artifact))
        {
            return await FailAsync("a SAMLart arrived while Broker:ResponseBinding is Post", PortalMetrics.SamlReasons.Binding, client);
        }

        if (string.IsNullOrEmpty(samlResponse))
        {
            return await FailAsync("empty SAMLResponse", SamlFailure.Malformed, client);
        }

        if (string.IsNullOrEmpty(relayState))
        {
            return await FailAsync("RelayState is missing", PortalMetrics.SamlReasons.RelayState, client);
        }

        if (await BrokerAsync() is not { } broker)
        {
            return await FailAsync("no trusted broker metadata", PortalMetrics.SamlReasons.NoMetadata, client);
        }

        var validation = validator.ValidatePostResponse(samlResponse, Expectations(broker, null));
        return await FinishAsync(validation, broker, relayState, correlation, client);
    }

    private SamlExpectations Expectations(BrokerMetadata broker, string? resolveId) =>
        new(broker.EntityId, broker.SigningCertificates, options.EntityId, options.AcsUrl, resolveId, options.RequiredLevel,
            options.ServiceId, options.ServiceUuid, options.EncryptionCertificate, EHerkenningOptions.ClockSkew);

    private async Task<EHerkenningResult> FinishAsync(SamlValidation validation, BrokerMetadata broker, string? relayState, string? correlation, ClientInfo client)
    {
        if (validation.Failure == SamlFailure.Cancelled)
        {
            PortalMetrics.SamlRefused(SamlFailure.Cancelled);
            logger.LogInformation(SecurityEvents.SamlRefused, "eHerkenning login cancelled at the broker: {Detail}", validation.Detail);
            await events.AddAsync(null, Portals.Business, LoginMethods.EHerkenning, Outcomes.Cancelled, client);
            return new EHerkenningResult(EHerkenningOutcome.Cancelled);
        }

        if (validation.Failure == SamlFailure.LevelTooLow)
        {
            PortalMetrics.SamlRefused(SamlFailure.LevelTooLow);
            logger.LogWarning(SecurityEvents.SamlRefused, "eHerkenning login refused: {Detail}", validation.Detail);
            await events.AddAsync(null, Portals.Business, LoginMethods.EHerkenning, Outcomes.LevelTooLow, client);
            return new EHerkenningResult(EHerkenningOutcome.LevelTooLow);
        }

        if (validation.Failure == SamlFailure.KvkMissing)
        {
            PortalMetrics.SamlRefused(SamlFailure.KvkMissing);
            logger.LogWarning(SecurityEvents.SamlRefused, "eHerkenning login refused: {Detail}", validation.Detail);
            await events.AddAsync(null, Portals.Business, LoginMethods.EHerkenning, Outcomes.KvkMissing, client);
            return new EHerkenningResult(EHerkenningOutcome.KvkNotInsured);
        }

        if (!validation.Succeeded || validation.Identity is not { } identity)
        {
            return await FailAsync($"{validation.Failure}: {validation.Detail}", validation.Failure, client);
        }

        if (relayState != identity.InResponseTo)
        {
            // Name what the InResponseTo is, so the log tells a response to someone else's request from a swapped RelayState.
            var answered = await state.DescribeRequestAsync(identity.InResponseTo, correlation);
            return await FailAsync(answered == RequestState.Unknown
                ? $"InResponseTo '{SamlXml.ForLog(identity.InResponseTo)}' is not a request of ours (RelayState '{SamlXml.ForLog(relayState)}')"
                : $"RelayState '{SamlXml.ForLog(relayState)}' does not match InResponseTo '{SamlXml.ForLog(identity.InResponseTo)}' ({Describe(answered)})", SamlFailure.InResponseTo, client);
        }

        if (!await state.ConsumeRequestAsync(identity.InResponseTo, correlation))
        {
            var answered = await state.DescribeRequestAsync(identity.InResponseTo, correlation);
            return await FailAsync($"InResponseTo '{SamlXml.ForLog(identity.InResponseTo)}' " + (answered == RequestState.Outstanding
                ? "was consumed by a concurrent response"
                : Describe(answered)), SamlFailure.InResponseTo, client);
        }

        if (!await state.TryUseOnceAsync("assertion", identity.Issuer + "|" + identity.AssertionId, identity.NotOnOrAfter.Add(EHerkenningOptions.ClockSkew).AddHours(1)))
        {
            return await FailAsync($"assertion {identity.AssertionId} used before (replay)", PortalMetrics.SamlReasons.Replay, client);
        }

        var company = identity.KvkNumber is { } kvk ? await customers.GetCompanyByKvkAsync(kvk) : null;
        if (company is not { IsInsured: true })
        {
            PortalMetrics.SamlRefused(PortalMetrics.SamlReasons.KvkNotInsured);
            logger.LogWarning(SecurityEvents.SamlRefused, "eHerkenning login refused: KVK {Kvk} is not an insured company", identity.KvkNumber);
            await events.AddAsync(null, Portals.Business, LoginMethods.EHerkenning, Outcomes.KvkNotInsured, client);
            return new EHerkenningResult(EHerkenningOutcome.KvkNotInsured);
        }

        var acting = identity.ActingSubjectId ?? identity.NameId;
        var stored = await state.UpsertIdentityAsync(broker.EntityId, company.KvkNumber, acting, company.Id, identity.CompanyName ?? company.Name, identity.BranchNumber);
        await events.AddAsync(null, Portals.Business, LoginMethods.EHerkenning, LoginOutcomes.Success, client);
        logger.LogInformation(SecurityEvents.SignedIn, "eHerkenning login for KVK {Kvk} at {Level}", company.KvkNumber, identity.Level);
        return new EHerkenningResult(EHerkenningOutcome.SignedIn, stored, identity.Level);
    }

    private static string Describe(RequestState answered) => answered switch
    {
        RequestState.Unknown => "is not a request of ours",
        RequestState.Expired => "is a request of ours that has expired",
        RequestState.Consumed => "is a request of ours that was already answered (replay)",
        RequestState.OtherBrowser => "is a request of ours started in another browser (correlation cookie missing or different)",
        _ => "is an outstanding request of ours",
    };

    private async Task<BrokerMetadata?> BrokerAsync()
    {
        try
        {
            return await brokerMetadata.GetAsync();
        }
        catch (BrokerMetadataUnavailableException e)
        {
            logger.LogWarning("eHerkenning unavailable: {Reason}", e.Message);
            return null;
        }
    }

    private Task<EHerkenningResult> FailAsync(string reason, SamlFailure code, ClientInfo client)
    {
        PortalMetrics.SamlRefused(code);
        return FailAsync(reason, client);
    }

    /// <param name="code">One of <see cref="PortalMetrics.SamlReasons"/>: the refusal's label in the metrics.</param>
    private Task<EHerkenningResult> FailAsync(string reason, string code, ClientInfo client)
    {
        PortalMetrics.SamlRefused(code);
        return FailAsync(reason, client);
    }

    private async Task<EHerkenningResult> FailAsync(string reason, ClientInfo client)
    {
        logger.LogWarning(SecurityEvents.SamlRefused, "eHerkenning login refused: {Reason}", reason);
        await events.AddAsync(null, Portals.Business, LoginMethods.EHerkenning, Outcomes.Refused, client);
        return new EHerkenningResult(EHerkenningOutcome.Failed);
    }
}
