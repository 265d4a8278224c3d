using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// A fixture mapping that overrides an endpoint (fault injection), in a subset of WireMock's
/// mapping format so existing WireMock mapping files read as they are: <c>Request.Path</c>
/// (a string or WireMock's <c>{"Matchers":[{"Name":"WildcardMatcher","Pattern":...}]}</c>),
/// <c>Request.Methods</c>, <c>Response.StatusCode</c>, <c>Headers</c>, <c>Body</c> or <c>BodyAsJson</c>.
/// </summary>
public sealed record FaultMapping
{
    [JsonPropertyName("Guid")]
    public Guid Guid { get; init; } = Guid.NewGuid();

    [JsonPropertyName("Title")]
    public string? Title { get; init; }

    [JsonPropertyName("Priority")]
    public int Priority { get; init; }

    [JsonPropertyName("Request")]
    public FaultRequest Request { get; init; } = new();

    [JsonPropertyName("Response")]
    public FaultResponse Response { get; init; } = new();

    /// <summary>How many requests it answers before it stops matching; null is forever.</summary>
    [JsonPropertyName("Times")]
    public int? Times { get; init; }

    public static IReadOnlyList<FaultMapping> Parse(string json, string source)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{source}: not JSON ({e.Message}).", e);
        }

        var items = node switch
        {
            JsonArray array => array.ToList(),
            JsonObject obj when obj["mappings"] is JsonArray array => array.ToList(),
            JsonObject obj => [obj],
            _ => throw new InvalidOperationException($"{source}: a mapping is a JSON object or an array of them."),
        };

        return items.Select(item => Validate(Read(item), source)).ToList();
    }

    // Source-generated metadata leaves the init-only properties a file omits at default(T), not at
    // their initializers: put the defaults back (a fresh Guid, empty Request, StatusCode 200).
    private static FaultMapping Read(JsonNode? item)
    {
        var mapping = item.Deserialize(ProtocolJson.Default.FaultMapping) ?? new FaultMapping();
        var response = mapping.Response ?? new FaultResponse();
        if (item?[nameof(Response)]?[nameof(FaultResponse.StatusCode)] is null)
        {
            response = response with { StatusCode = new FaultResponse().StatusCode };
        }

        return mapping with
        {
            Guid = item?[nameof(Guid)] is null ? Guid.NewGuid() : mapping.Guid,
            Request = mapping.Request ?? new FaultRequest(),
            Response = response,
        };
    }

    private static FaultMapping Validate(FaultMapping mapping, string source)
    {
        if (mapping.Request.PathPattern is null)
        {
            throw new InvalidOperationException($"{source}: mapping '{mapping.Title}' has no Request.Path.");
        }

        return mapping.Response.StatusCode is < 100 or > 599
            ? throw new InvalidOperationException($"{source}: mapping '{mapping.Title}' has Response.StatusCode {mapping.Response.StatusCode}.")
            : mapping;
    }
}
