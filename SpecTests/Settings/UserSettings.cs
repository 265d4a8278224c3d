using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Settings;

/// <summary>
/// The accounts by role, as target catalogues name them: <c>login</c> logs in through the browser
/// and the upstream IdP; <c>other</c> (a second, non-admin user) and <c>admin</c> get their tokens
/// by the broker's password grant. Defaults are the fixture users.
/// </summary>
public sealed record UserSettings
{
    [JsonPropertyName("login")]
    public UserCredential Login { get; init; } = new() { Username = "alice", Password = "alice-password" };

    [JsonPropertyName("other")]
    public UserCredential Other { get; init; } = new() { Username = "bob", Password = "bob-password" };

    [JsonPropertyName("admin")]
    public UserCredential Admin { get; init; } = new() { Username = "admin", Password = "admin-password" };

    /// <summary>
    /// Keycloak master-realm admin (admin-cli) for the broker's admin API (step 5's client, step 11's
    /// user and federated identity); null: not set, see <see cref="BrokerAdminCredentials.For"/>. An
    /// empty username says "none".
    /// </summary>
    [JsonPropertyName("brokerAdmin")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public UserCredential? BrokerAdmin { get; init; }

    /// <summary>Where <see cref="BrokerAdmin"/> came from (the config file's key, the environment), for the report.</summary>
    [JsonIgnore]
    public string? BrokerAdminSource { get; init; }

    /// <summary>A realm of the same broker with its own key, and a user there, for "a token of another realm".</summary>
    [JsonPropertyName("otherRealm")]
    public string? OtherRealm { get; init; } = "other-realm";

    [JsonPropertyName("otherRealmUser")]
    public UserCredential OtherRealmUser { get; init; } = new() { Username = "alice", Password = "alice-password" };
}
