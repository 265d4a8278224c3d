using System.Text.Json.Nodes;
using PbenchAuthSpec.MockBroker.Hosting;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>
/// OIDC Discovery §3 metadata: exactly what MockBroker implements, with Keycloak's values where
/// it implements the same thing (services/src/main/java/org/keycloak/protocol/oidc/OIDCWellKnownProvider.java).
/// Not advertised because not implemented: implicit and hybrid response types, device
/// authorization, CIBA, PAR, mTLS endpoint aliases and bound tokens, JWT client
/// authentication, request objects, dynamic registration, pairwise subjects, signed or
/// encrypted userinfo, front-channel logout.
/// </summary>
internal static class DiscoveryDocument
{
    private static readonly string[] ClientAuth = ["client_secret_basic", "client_secret_post"];

    public static JsonObject Build(RealmUrls urls, IEnumerable<string> clientScopes) => new()
    {
        ["issuer"] = urls.Issuer,
        ["authorization_endpoint"] = urls.Authorization,
        ["token_endpoint"] = urls.Token,
        ["introspection_endpoint"] = urls.Introspection,
        ["userinfo_endpoint"] = urls.Userinfo,
        ["end_session_endpoint"] = urls.Logout,
        ["jwks_uri"] = urls.Certs,
        ["check_session_iframe"] = urls.CheckSessionIframe,
        ["grant_types_supported"] = Array("authorization_code", "client_credentials", "password", "refresh_token"),
        ["acr_values_supported"] = Array("0", "1"),
        ["response_types_supported"] = Array("code"),
        ["subject_types_supported"] = Array("public"),
        ["prompt_values_supported"] = Array("none", "login", "consent"),
        ["id_token_signing_alg_values_supported"] = Array("RS256"),
        ["userinfo_signing_alg_values_supported"] = Array("none"),
        ["authorization_signing_alg_values_supported"] = Array("RS256"),
        ["response_modes_supported"] = Array(ResponseModes.All),
        ["token_endpoint_auth_methods_supported"] = Array(ClientAuth),
        ["introspection_endpoint_auth_methods_supported"] = Array(ClientAuth),
        ["claims_supported"] = Array("iss", "sub", "aud", "exp", "iat", "auth_time", "name", "given_name", "family_name", "preferred_username", "email", "acr", "azp", "nonce"),
        ["claim_types_supported"] = Array("normal"),
        ["claims_parameter_supported"] = false,
        ["scopes_supported"] = Array([.. clientScopes.Prepend("openid").Distinct(StringComparer.Ordinal)]),
        ["request_parameter_supported"] = false,
        ["request_uri_parameter_supported"] = false,
        ["require_request_uri_registration"] = false,
        ["code_challenge_methods_supported"] = Array("plain", "S256"),
        ["tls_client_certificate_bound_access_tokens"] = false,
        ["revocation_endpoint"] = urls.Revocation,
        ["revocation_endpoint_auth_methods_supported"] = Array(ClientAuth),
        ["backchannel_logout_supported"] = true,
        ["backchannel_logout_session_supported"] = true,
        ["authorization_response_iss_parameter_supported"] = true,
    };

    private static JsonArray Array(params string[] values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
