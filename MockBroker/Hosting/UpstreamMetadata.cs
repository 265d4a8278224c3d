namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>What the broker reads from an IdP's discovery document (OIDC Discovery §3).</summary>
internal sealed record UpstreamMetadata(string Issuer, string AuthorizationEndpoint, string TokenEndpoint, string JwksUri);
