namespace PbenchAuthSpec.MockIdp;

/// <summary>What MockIdp supports, stated once and published in its discovery document.</summary>
internal static class DiscoveryMetadata
{
    public static readonly string[] Scopes = ["openid", "profile", "email"];

    public static readonly string[] ResponseModes = ["query", "fragment", "form_post"];

    public static readonly string[] CodeChallengeMethods = ["S256", "plain"];

    public static readonly string[] ClientAuthMethods = ["client_secret_basic", "client_secret_post"];

    public static readonly string[] Claims =
    [
        "iss", "sub", "aud", "azp", "exp", "iat", "auth_time", "nonce", "at_hash",
        "email", "email_verified", "name", "preferred_username", "given_name", "family_name",
    ];

    public static DiscoveryDocument For(IdpEndpoints endpoints) => new()
    {
        Issuer = endpoints.Issuer,
        AuthorizationEndpoint = endpoints.Authorization,
        TokenEndpoint = endpoints.Token,
        UserinfoEndpoint = endpoints.Userinfo,
        JwksUri = endpoints.Jwks,
        ScopesSupported = Scopes,
        ResponseTypesSupported = ["code"],
        ResponseModesSupported = ResponseModes,
        GrantTypesSupported = ["authorization_code", "client_credentials"],
        SubjectTypesSupported = ["public"],
        IdTokenSigningAlgValuesSupported = ["RS256"],
        TokenEndpointAuthMethodsSupported = ClientAuthMethods,
        CodeChallengeMethodsSupported = CodeChallengeMethods,
        ClaimsSupported = Claims,
        PromptValuesSupported = ["none", "login", "consent"],
    };
}
