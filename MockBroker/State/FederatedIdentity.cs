using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.State;

/// <summary>Keycloak's FederatedIdentityRepresentation: the link from a broker user to an IdP subject.</summary>
public sealed record FederatedIdentity(
    [property: JsonPropertyName("identityProvider")] string IdentityProvider,
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("userName")] string UserName);
