using System.Text.Json.Nodes;

namespace PbenchAuthSpec.ReferenceServer.Api;

/// <summary>
/// <c>GET /api/v1/endpoints</c>, public: the login configuration the dashboard starts from. The
/// <c>pbench</c> profile serves the real server's shape (<c>openid</c> with exactly
/// <c>server</c>, <c>realm</c>, <c>client</c>); <c>diagram</c> serves the drawing's
/// <c>identity_broker_auth_uri</c> and <c>client_id</c>.
/// </summary>
internal sealed class EndpointsApi(ServerServices services)
{
    public const string Identification = "Pbench server PbenchAuthSpec-ReferenceServer";

    /// <summary>What the serve-client-secret defect leaks: the confidential automation client's secret.</summary>
    public const string LeakedClientSecret = "pbench-automation-secret";

    private static readonly (string Name, string Path, string[] Params)[] Apis =
    [
        ("datasets_list", "/api/v1/datasets", []),
        ("datasets", "/api/v1/datasets/{dataset}", ["dataset"]),
        ("endpoints", "/api/v1/endpoints", []),
        ("key", "/api/v1/key/{key}", ["key"]),
        ("key_list", "/api/v1/key", []),
        ("server_audit", "/api/v1/server/audit", []),
        ("server_settings", "/api/v1/server/settings/{key}", ["key"]),
    ];

    public void Map(WebApplication app) => app.MapGet("/api/v1/endpoints", Get);

    private IResult Get(HttpContext context)
    {
        var origin = $"{context.Request.Scheme}://{context.Request.Host}";
        var body = services.Options.Profile == ReferenceServerHost.DiagramProfile ? Diagram() : Pbench(origin);
        if (services.Defects.Has(DefectNames.ServeClientSecret))
        {
            // The defect: a client secret in a document every browser downloads (RFC 6749 §2.1, §10.1).
            var target = body["openid"] as JsonObject ?? body;
            target["client_secret"] = LeakedClientSecret;
        }

        return Results.Json(body);
    }

    private JsonObject Pbench(string origin)
    {
        var uri = new JsonObject();
        foreach (var (name, path, parameters) in Apis)
        {
            var described = new JsonObject();
            foreach (var parameter in parameters)
            {
                described[parameter] = new JsonObject { ["type"] = "string" };
            }

            uri[name] = new JsonObject { ["template"] = origin + path, ["params"] = described };
        }

        var body = new JsonObject { ["identification"] = Identification, ["uri"] = uri };
        if (services.BrokerUrl is { } broker)
        {
            // Pbench: exactly these three keys; no secret, no audience.
            body["openid"] = new JsonObject { ["server"] = broker, ["realm"] = services.Options.Realm, ["client"] = services.Options.Client };
        }

        return body;
    }

    private JsonObject Diagram() => new()
    {
        ["identity_broker_auth_uri"] = services.BrokerUrl is { } broker
            ? $"{broker}/realms/{services.Options.Realm}/protocol/openid-connect/auth"
            : null,
        ["client_id"] = services.Options.Client,
    };
}
