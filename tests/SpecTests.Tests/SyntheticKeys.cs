using System.Text.Json.Nodes;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>Keys for synthetic traces, made once (RSA generation is slow).</summary>
internal static class SyntheticKeys
{
    public static readonly SigningKey Broker = SigningKey.Generate("broker-k1");
    public static readonly SigningKey Idp = SigningKey.Generate("idp-k1");

    public static Jwks BrokerJwks => Jwks.Parse(new JsonObject { ["keys"] = new JsonArray(Broker.Jwk.DeepClone()) }.ToJsonString());

    public static Jwks IdpJwks => Jwks.Parse(new JsonObject { ["keys"] = new JsonArray(Idp.Jwk.DeepClone()) }.ToJsonString());

    public static string Sign(JsonObject payload, SigningKey? key = null) => JwsSigner.Rs256(payload, (key ?? Broker).Rsa, (key ?? Broker).Kid);
}
