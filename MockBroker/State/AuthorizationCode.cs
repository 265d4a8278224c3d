namespace PbenchAuthSpec.MockBroker.State;

/// <summary>What a code stands for until the client redeems it (once, within the realm's code lifespan).</summary>
internal sealed record AuthorizationCode(
    string Code,
    AuthorizationRequest Request,
    string SessionId,
    Guid UserId,
    string Acr);
