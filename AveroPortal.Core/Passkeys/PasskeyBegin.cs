namespace AveroPortal.Core.Passkeys;

/// <summary>What the browser gets to call navigator.credentials.create/get with.</summary>
/// <param name="ChallengeId">The id the form posts back with the result (43 base64url characters); only its hash is stored.</param>
/// <param name="OptionsJson">The Fido2 options object serialised the standard way (options.ToJson()): challenge and ids base64url.</param>
public sealed record PasskeyBegin(string ChallengeId, string OptionsJson);
