namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>The outcome of completing a login; <c>Identity</c> only when signed in.</summary>
public sealed record EHerkenningResult(EHerkenningOutcome Outcome, EHerkenningIdentity? Identity = null, string? Level = null);
