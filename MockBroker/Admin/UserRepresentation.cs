using System.Text.Json.Serialization;
using PbenchAuthSpec.MockBroker.State;

namespace PbenchAuthSpec.MockBroker.Admin;

/// <summary>Keycloak's admin UserRepresentation (the fields its admin console and clients read).</summary>
internal sealed record UserRepresentation
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("username")]
    public string? Username { get; init; }

    [JsonPropertyName("firstName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FirstName { get; init; }

    [JsonPropertyName("lastName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastName { get; init; }

    [JsonPropertyName("email")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Email { get; init; }

    [JsonPropertyName("emailVerified")]
    public bool? EmailVerified { get; init; }

    [JsonPropertyName("createdTimestamp")]
    public long? CreatedTimestamp { get; init; }

    [JsonPropertyName("enabled")]
    public bool? Enabled { get; init; }

    [JsonPropertyName("totp")]
    public bool Totp { get; init; }

    [JsonPropertyName("disableableCredentialTypes")]
    public IReadOnlyList<string> DisableableCredentialTypes { get; init; } = [];

    [JsonPropertyName("requiredActions")]
    public IReadOnlyList<string>? RequiredActions { get; init; } = [];

    [JsonPropertyName("notBefore")]
    public long NotBefore { get; init; }

    [JsonPropertyName("credentials")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CredentialRepresentation>? Credentials { get; init; }

    [JsonPropertyName("federatedIdentities")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FederatedIdentity>? FederatedIdentities { get; init; }

    public static UserRepresentation From(BrokerUser user) => new()
    {
        Id = user.Id.ToString(),
        Username = user.Username,
        FirstName = user.FirstName,
        LastName = user.LastName,
        Email = user.Email,
        EmailVerified = user.EmailVerified,
        CreatedTimestamp = user.CreatedTimestamp,
        Enabled = user.Enabled,
        RequiredActions = user.RequiredActions,
    };
}
