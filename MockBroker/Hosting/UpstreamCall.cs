namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>What one code exchange sends besides the provider's settings: the code, the redirect URI it was issued for, the PKCE verifier (RFC 7636 §4.5).</summary>
internal sealed record UpstreamCall(Realm Realm, string Code, string RedirectUri, string? CodeVerifier);
