using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Fixtures;

/// <summary>
/// Keycloak's <c>IdentityProviderMapperRepresentation</c> (the realm's <c>identityProviderMappers</c>).
/// Mapper types: <c>oidc-role-idp-mapper</c> ("Claim to Role": config <c>claim</c>,
/// <c>claim.value</c>, <c>role</c>) and <c>oidc-hardcoded-role-idp-mapper</c> (config <c>role</c>);
/// a role is <c>client.role</c> for a client role, a bare name for a realm role.
/// </summary>
public sealed record IdentityProviderMapperFixture
{
    public const string ClaimToRole = "oidc-role-idp-mapper";
    public const string HardcodedRole = "oidc-hardcoded-role-idp-mapper";

    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("identityProviderAlias")]
    public string IdentityProviderAlias { get; set; } = "";

    [JsonPropertyName("identityProviderMapper")]
    public string IdentityProviderMapper { get; set; } = "";

    [JsonPropertyName("config")]
    [JsonConverter(typeof(StringMapConverter))]
    public Dictionary<string, string> Config { get; set; } = new(StringComparer.Ordinal);
}
