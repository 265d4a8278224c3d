using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockBroker.Tests.Support;

/// <summary>A user of fixtures/idp.json, as the fake IdP reads it.</summary>
internal sealed record FakeIdpUser(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("password")] string Password,
    [property: JsonPropertyName("sub")] string Sub,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("givenName")] string GivenName,
    [property: JsonPropertyName("familyName")] string FamilyName,
    [property: JsonPropertyName("name")] string Name);
