using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PbenchAuthSpec.MockIdp;

/// <summary>Source-generated JSON for every protocol record, so no request pays for reflection.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = false)]
[JsonSerializable(typeof(IdpFixture))]
[JsonSerializable(typeof(DiscoveryDocument))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(IdTokenPayload))]
[JsonSerializable(typeof(AccessTokenPayload))]
[JsonSerializable(typeof(UserInfoResponse))]
internal sealed partial class MockIdpJson : JsonSerializerContext
{
    /// <summary>
    /// The same, writing '+' and non-ASCII letters as they are rather than as \u escapes: tokens stay
    /// readable and short. Only MockIdp's own values are written, never into HTML.
    /// </summary>
    public static MockIdpJson Relaxed { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
