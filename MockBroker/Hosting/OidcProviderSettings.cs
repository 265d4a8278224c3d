using PbenchAuthSpec.MockBroker.Fixtures;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>
/// An identity provider's <c>config</c> read as Keycloak reads it (<c>OAuth2IdentityProviderConfig</c>,
/// <c>OIDCIdentityProviderConfig</c>, <c>IdentityProviderModel</c>), with Keycloak's defaults: an
/// absent boolean is false, <c>clientAuthMethod</c> defaults to <c>client_secret_post</c>,
/// <c>syncMode</c> to <c>LEGACY</c>. URL settings may hold <c>{idp}</c>-style placeholders, resolved
/// by the stack at request time; an endpoint left out is read from the issuer's discovery document
/// (Keycloak's admin console imports it the same way when the provider is created).
/// </summary>
internal sealed class OidcProviderSettings(IdentityProviderFixture fixture)
{
    public const string SecretBasic = "client_secret_basic";
    public const string SecretPost = "client_secret_post";
    public const string PrivateKeyJwt = "private_key_jwt";

    public static readonly IReadOnlyList<string> ClientAuthMethods = [SecretBasic, SecretPost, PrivateKeyJwt];

    public static readonly IReadOnlyList<string> SyncModes = ["IMPORT", "LEGACY", "FORCE"];

    public IdentityProviderFixture Fixture { get; } = fixture;

    public string Alias => Fixture.Alias;

    public string DisplayName => Fixture.DisplayName ?? Fixture.Alias;

    public string? Issuer => Text("issuer");

    public string? AuthorizationUrl => Text("authorizationUrl");

    public string? TokenUrl => Text("tokenUrl");

    public string? UserInfoUrl => Text("userInfoUrl");

    public string? JwksUrl => Text("jwksUrl");

    public string ClientId => Text("clientId") ?? "";

    public string ClientSecret => Text("clientSecret") ?? "";

    public string ClientAuthMethod => Text("clientAuthMethod") ?? SecretPost;

    /// <summary>Keycloak's <c>private_key_jwt</c> signs with the realm key; RS256 unless set.</summary>
    public string ClientAssertionSigningAlg => Text("clientAssertionSigningAlg") ?? "RS256";

    public string? ClientAssertionAudience => Text("clientAssertionAudience");

    /// <summary>OIDCIdentityProvider.createAuthorizationUrl: <c>openid</c> is always requested.</summary>
    public string Scope
    {
        get
        {
            var scope = Text("defaultScope") ?? "";
            return scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid") ? scope.Trim() : ("openid " + scope).Trim();
        }
    }

    public bool PkceEnabled => Flag("pkceEnabled");

    /// <summary>Keycloak refuses <c>pkceEnabled</c> without <c>plain</c> or <c>S256</c> (OAuth2IdentityProviderConfig.validate).</summary>
    public string? PkceMethod => Text("pkceMethod");

    public bool DisableUserInfo => Flag("disableUserInfo");

    public bool DisableNonce => Flag("disableNonce");

    public bool ValidateSignature => Flag("validateSignature");

    public bool UseJwksUrl => Flag("useJwksUrl");

    /// <summary>With <c>useJwksUrl</c> false: the IdP's public key (PEM or base64 DER SubjectPublicKeyInfo).</summary>
    public string? PublicKeySignatureVerifier => Text("publicKeySignatureVerifier");

    /// <summary>Keycloak forwards the client's <c>login_hint</c> only when <c>loginHint</c> is true.</summary>
    public bool ForwardLoginHint => Flag("loginHint");

    public string SyncMode => Text("syncMode") ?? "LEGACY";

    public bool Enabled => Fixture.Enabled;

    private string? Text(string key) => Fixture.Config.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private bool Flag(string key) => bool.TryParse(Text(key), out var on) && on;
}
