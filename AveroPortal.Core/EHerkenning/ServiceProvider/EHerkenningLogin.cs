using AveroPortal.Core.Customers;
using AveroPortal.Core.Login;
using AveroPortal.Core.EHerkenning;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Core.EHerkenning.ServiceProvider;

public enum EHerkenningOutcome
{
    SignedIn,
    Cancelled,
    LevelTooLow,
    KvkNotInsured,
    Failed,
}

public sealed record EHerkenningResult(EHerkenningOutcome Outcome, EHerkenningIdentity? Identity = null, string? Level = null);

public sealed record EHerkenningStart(string Destination, string SamlRequest, string RelayState, string Correlation);

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
    public const string Method = "eherkenning";

    public async Task<EHerkenningStart> BeginAsync()
    {
        var broker = await brokerMetadata.GetAsync();
        var requestId = XmlSigning.NewId();
        var correlation = Invitations.InvitationTokens.NewToken();
        await state.AddRequestAsync(requestId, correlation);
        var xml = SamlRequests.AuthnRequest(options, requestId, broker.SsoUrl, clock.GetUtcNow()).OuterXml;
        // The RelayState is our request id: short, and only accepted when it is exactly the request this browser started.
        return new EHerkenningStart(broker.SsoUrl, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(xml)), requestId, correlation);
    }

    public async Task<EHerkenningResult> CompleteArtifactAsync(string? artifact, string? relayState, string? correlation, ClientInfo client)
    {
        if (!SamlRequests.IsWellFormedArtifact(artifact))
        {
            return await FailAsync("malformed or missing SAMLart", client);
        }

        var broker = await brokerMetadata.GetAsync();
        var expectedSource = System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(broker.EntityId));
        if (!SamlRequests.ArtifactSourceId(artifact!).AsSpan().SequenceEqual(expectedSource) || broker.ArtifactResolutionUrl is null)
        {
            return await FailAsync("artifact from an unknown source", client);
        }

        if (!await state.TryUseOnceAsync("artifact", artifact!, clock.GetUtcNow().AddHours(1)))
        {
            return await FailAsync("artifact used before (replay)", client);
        }

        var resolveId = XmlSigning.NewId();
        string answer;
        try
        {
            answer = await resolver.ResolveAsync(broker.ArtifactResolutionUrl,
                SamlRequests.ArtifactResolve(options, resolveId, artifact!, broker.ArtifactResolutionUrl, clock.GetUtcNow()));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return await FailAsync("artifact resolution failed: " + e.Message, client);
        }

        var validation = validator.ValidateArtifactResponse(answer, Expectations(broker, resolveId));
        return await FinishAsync(validation, broker, relayState, correlation, client);
    }

    public async Task<EHerkenningResult> CompletePostAsync(string? samlResponse, string? relayState, string? correlation, ClientInfo client)
    {
        if (string.IsNullOrEmpty(samlResponse))
        {
            return await FailAsync("empty SAMLResponse", client);
        }

        var broker = await brokerMetadata.GetAsync();
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
            logger.LogInformation("eHerkenning login cancelled at the broker: {Detail}", validation.Detail);
            await events.AddAsync(null, Portals.Business, Method, "cancelled", client);
            return new EHerkenningResult(EHerkenningOutcome.Cancelled);
        }

        if (validation.Failure == SamlFailure.LevelTooLow)
        {
            logger.LogWarning("eHerkenning login refused: {Detail}", validation.Detail);
            await events.AddAsync(null, Portals.Business, Method, "level-too-low", client);
            return new EHerkenningResult(EHerkenningOutcome.LevelTooLow);
        }

        if (validation.Failure == SamlFailure.KvkMissing)
        {
            logger.LogWarning("eHerkenning login refused: {Detail}", validation.Detail);
            await events.AddAsync(null, Portals.Business, Method, "kvk-missing", client);
            return new EHerkenningResult(EHerkenningOutcome.KvkNotInsured);
        }

        if (!validation.Succeeded || validation.Identity is not { } identity)
        {
            return await FailAsync($"{validation.Failure}: {validation.Detail}", client);
        }

        if (relayState is not null && relayState != identity.InResponseTo)
        {
            return await FailAsync("RelayState does not match InResponseTo", client);
        }

        if (!await state.ConsumeRequestAsync(identity.InResponseTo, correlation))
        {
            return await FailAsync($"InResponseTo {identity.InResponseTo} is unknown, expired, used, or from another browser", client);
        }

        if (!await state.TryUseOnceAsync("assertion", identity.Issuer + "|" + identity.AssertionId, identity.NotOnOrAfter.Add(EHerkenningOptions.ClockSkew).AddHours(1)))
        {
            return await FailAsync($"assertion {identity.AssertionId} used before (replay)", client);
        }

        var company = identity.KvkNumber is { } kvk ? await customers.GetCompanyByKvkAsync(kvk) : null;
        if (company is not { IsInsured: true })
        {
            logger.LogWarning("eHerkenning login refused: KVK {Kvk} is not an insured company", identity.KvkNumber);
            await events.AddAsync(null, Portals.Business, Method, "kvk-not-insured", client);
            return new EHerkenningResult(EHerkenningOutcome.KvkNotInsured);
        }

        var acting = identity.ActingSubjectId ?? identity.NameId;
        var stored = await state.UpsertIdentityAsync(broker.EntityId, company.KvkNumber, acting, company.Id, identity.CompanyName ?? company.Name, identity.BranchNumber);
        await events.AddAsync(null, Portals.Business, Method, LoginOutcomes.Success, client);
        logger.LogInformation("eHerkenning login for KVK {Kvk} at {Level}", company.KvkNumber, identity.Level);
        return new EHerkenningResult(EHerkenningOutcome.SignedIn, stored, identity.Level);
    }

    private async Task<EHerkenningResult> FailAsync(string reason, ClientInfo client)
    {
        logger.LogWarning("eHerkenning login refused: {Reason}", reason);
        await events.AddAsync(null, Portals.Business, Method, "refused", client);
        return new EHerkenningResult(EHerkenningOutcome.Failed);
    }
}
