using System.Text.Json.Nodes;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.TestSupport;

/// <summary>A changed copy of fixtures/broker.json in a temp file (key paths made absolute), deleted on dispose.</summary>
internal sealed class TempFixture : IDisposable
{
    private TempFixture(string path) => Path = path;

    public string Path { get; }

    public static TempFixture From(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(File.ReadAllText(FixturePaths.File("broker.json")))!.AsObject();
        foreach (var realm in json["realms"]!.AsArray())
        {
            if (realm!["signingKey"] is { } key)
            {
                realm["signingKey"] = FixturePaths.File(key.GetValue<string>());
            }
        }

        change(json);
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"broker-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json.ToJsonString());
        return new TempFixture(path);
    }

    public static JsonObject Realm(JsonObject fixture, string name) =>
        fixture["realms"]!.AsArray().Single(r => r!["realm"]!.GetValue<string>() == name)!.AsObject();

    public static TempFixture WithoutLocalAdminRoles() => From(json =>
        Realm(json, "pbench-server")["users"]!.AsArray().Single(u => u!["username"]!.GetValue<string>() == "admin")!.AsObject().Remove("clientRoles"));

    public static TempFixture WithRefreshRotation() => From(json => Realm(json, "pbench-server")["revokeRefreshToken"] = true);

    public void Dispose() => File.Delete(Path);
}
