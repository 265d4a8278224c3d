using System.Text.Json.Nodes;
using PbenchAuthSpec.MockBroker.Hosting;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>OIDC Discovery §3 metadata as Keycloak publishes it, every URL from <see cref="RealmUrls"/>.</summary>
internal static class DiscoveryDocument
{
    public static JsonObject Build(RealmUrls urls) => new()
    {
        ["issuer"] = urls.Issuer,
        ["authorization_endpoint"] = urls.Authorization,
        ["token_endpoint"] = urls.Token,
        ["userinfo_endpoint"] = urls.Userinfo,
        ["end_session_endpoint"] = urls.Logout,
        ["frontchannel_logout_session_supported"] = true,
        ["frontchannel_logout_supported"] = true,
        ["jwks_uri"] = urls.Certs,
        ["check_session_iframe"] = urls.CheckSessionIframe,
        ["grant_types_supported"] = Array("authorization_code", "client_credentials", "password", "refresh_token"),
        ["acr_values_supported"] = Array("0", "1"),
        ["response_types_supported"] = Array("code"),
        ["subject_types_supported"] = Array("public"),
        ["prompt_values_supported"] = Array("none", "login", "consent", "select_account"),
        ["id_token_signing_alg_values_supported"] = Array("RS256"),
        ["userinfo_signing_alg_values_supported"] = Array("none"),
        ["response_modes_supported"] = Array("query", "fragment"),
        ["token_endpoint_auth_methods_supported"] = Array("client_secret_basic", "client_secret_post"),
        ["claims_supported"] = Array("aud", "sub", "iss", "auth_time", "name", "given_name", "family_name", "preferred_username", "email", "acr", "azp", "sid"),
        ["claim_types_supported"] = Array("normal"),
        ["claims_parameter_supported"] = false,
        ["scopes_supported"] = Array("openid", "profile", "email", "roles", "web-origins", "acr", "basic", "address", "phone", "microprofile-jwt"),
        ["request_parameter_supported"] = false,
        ["request_uri_parameter_supported"] = false,
        ["require_request_uri_registration"] = false,
        ["code_challenge_methods_supported"] = Array("plain", "S256"),
        ["tls_client_certificate_bound_access_tokens"] = false,
        ["backchannel_logout_supported"] = true,
        ["backchannel_logout_session_supported"] = true,
        ["authorization_response_iss_parameter_supported"] = true,
    };

    private static JsonArray Array(params string[] values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
