using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Settings;

/// <summary>A user account the walk uses; a null password means the role is not available.</summary>
public sealed record UserCredential
{
    [JsonPropertyName("username")]
    public string Username { get; init; } = "";

    [JsonPropertyName("password")]
    public string? Password { get; init; }

    /// <summary>
    /// The password came from the environment (<c>PBENCH_AUTH_SPEC_{ROLE}_PASSWORD</c>), not from a
    /// config file's defaults: the user chose it, even when it is a fixture password.
    /// </summary>
    [JsonIgnore]
    public bool Given { get; init; }

    public bool Usable => Username.Length > 0 && !string.IsNullOrEmpty(Password);
}
