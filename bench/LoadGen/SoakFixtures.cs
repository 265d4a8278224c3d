using System.Text.Json.Nodes;

namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// Copies of the fixtures with lifetimes of seconds instead of minutes, so that the stand-ins'
/// time-bounded state (login transactions, codes, sessions) reaches its steady size within the
/// warm-up and a leak shows as growth after it. Keys still come from fixtures/.
/// </summary>
public static class SoakFixtures
{
    public const int LifetimeSeconds = 10;

    public static (string Broker, string Idp) Write(string root)
    {
        var folder = Path.Combine(root, "artifacts", "bench", "soak-fixtures");
        Directory.CreateDirectory(folder);
        var broker = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "fixtures", "broker.json")))!;
        foreach (var realm in broker["realms"]!.AsArray())
        {
            realm!["accessCodeLifespan"] = LifetimeSeconds;
            realm["ssoSessionIdleTimeout"] = LifetimeSeconds;
            realm["ssoSessionMaxLifespan"] = 3 * LifetimeSeconds;
            Anchor(realm, root);
        }

        var idp = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "fixtures", "idp.json")))!;
        idp["codeLifetimeSeconds"] = LifetimeSeconds;
        idp["loginLifetimeSeconds"] = LifetimeSeconds;
        idp["sessionLifetimeSeconds"] = LifetimeSeconds;
        Anchor(idp, root);
        var (brokerFile, idpFile) = (Path.Combine(folder, "broker.json"), Path.Combine(folder, "idp.json"));
        File.WriteAllText(brokerFile, broker.ToJsonString());
        File.WriteAllText(idpFile, idp.ToJsonString());
        return (brokerFile, idpFile);
    }

    // Key paths are relative to the fixture file; the copies live elsewhere.
    private static void Anchor(JsonNode node, string root)
    {
        if (node["signingKey"]?.GetValue<string>() is { } key && !Path.IsPathRooted(key))
        {
            node["signingKey"] = Path.Combine(root, "fixtures", key);
        }
    }
}
