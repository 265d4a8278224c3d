namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>The IdP's token response as the broker uses it (RFC 6749 §5.1, OIDC Core §3.1.3.3).</summary>
internal sealed record UpstreamTokens(string AccessToken, string IdToken);
