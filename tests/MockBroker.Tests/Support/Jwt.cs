using System.Buffers.Text;
using System.Text.Json.Nodes;

namespace PbenchAuthSpec.MockBroker.Tests.Support;

/// <summary>Reads a compact JWS without checking it (tests check signatures separately).</summary>
internal static class Jwt
{
    public static JsonObject Header(string token) => Part(token, 0);

    public static JsonObject Payload(string token) => Part(token, 1);

    public static long Number(JsonObject claims, string name) => claims[name]!.GetValue<long>();

    public static string Text(JsonObject claims, string name) => claims[name]!.GetValue<string>();

    private static JsonObject Part(string token, int index) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[index]))!.AsObject();
}
