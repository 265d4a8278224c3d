using System.Text.Json;
using System.Text.Json.Nodes;
using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>A token response (RFC 6749 §5.1) as received, with its tokens decoded where they are JWTs.</summary>
public sealed record TokenSet
{
    public JsonObject? Json { get; init; }

    public string? ParseProblem { get; init; }

    public string? AccessToken => Text("access_token");

    public string? RefreshToken => Text("refresh_token");

    public string? IdToken => Text("id_token");

    public DecodedJwt? Access => DecodedJwt.TryDecode(AccessToken, out _);

    public DecodedJwt? Id => DecodedJwt.TryDecode(IdToken, out _);

    public static TokenSet Parse(string? body)
    {
        try
        {
            return JsonNode.Parse(body ?? "") is JsonObject json ? new TokenSet { Json = json } : new TokenSet { ParseProblem = "not a JSON object" };
        }
        catch (JsonException e)
        {
            return new TokenSet { ParseProblem = $"not JSON ({e.Message.Split('\n')[0]})" };
        }
    }

    public string? Text(string name) => Json?[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    public long? Integer(string name) =>
        Json?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double d) && d == Math.Floor(d) ? (long)d : null;
}
