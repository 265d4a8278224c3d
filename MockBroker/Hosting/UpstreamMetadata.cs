namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>
/// Where the broker talks to one IdP (OIDC Discovery §3): the configured URLs, with the ones left
/// out read from the issuer's discovery document. <c>Issuer</c> is null when neither says it
/// (then iss is not checked, as Keycloak does with an empty issuer); <c>JwksUri</c> and
/// <c>UserinfoEndpoint</c> may be null too.
/// </summary>
internal sealed record UpstreamMetadata(string? Issuer, string AuthorizationEndpoint, string TokenEndpoint, string? JwksUri, string? UserinfoEndpoint = null);
