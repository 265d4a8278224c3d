namespace PbenchAuthSpec.MockBroker.State;

/// <summary>A logout waiting for the user's confirmation (Keycloak's logout authentication session).</summary>
internal sealed record PendingLogout(string AuthSessionCookie, string? ClientId, string? PostLogoutRedirectUri, string? State);
