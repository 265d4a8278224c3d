using System.Text.Json.Serialization;

namespace PbenchAuthSpec.SpecTests.Tokens;

/// <summary>One request of a matrix case: the <c>Authorization</c> header to send (null: none) and/or a token in the query string.</summary>
public sealed record MatrixAttempt(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("authorization")] string? Authorization,
    [property: JsonPropertyName("queryToken")] string? QueryToken = null);
