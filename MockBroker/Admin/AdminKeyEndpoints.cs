using System.Text.Json.Nodes;
using PbenchAuthSpec.MockBroker.Endpoints;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Keys;
using PbenchAuthSpec.MockBroker.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Admin;

/// <summary>
/// A realm's key providers as Keycloak's components (<c>providerType</c>
/// <c>org.keycloak.keys.KeyProvider</c>: <c>rsa-generated</c>, or <c>rsa</c> with a PEM
/// <c>privateKey</c>; <c>config.priority</c>, <c>enabled</c>, <c>active</c>) and the keys
/// metadata (<c>/keys</c>). Keycloak: services/src/main/java/org/keycloak/services/resources/admin/ComponentResource.java,
/// KeyResource.java and keys/GeneratedRsaKeyProviderFactory.java.
/// </summary>
internal sealed class AdminKeyEndpoints(AdminGuard guard)
{
    private const string Base = "/admin/realms/{realm}/components";

    public void Map(WebApplication app)
    {
        app.MapGet(Base, (HttpContext http, string realm) => guard.InRealm(http, realm, r => ListAsync(http, r)));
        app.MapPost(Base, (HttpContext http, string realm) => guard.InRealm(http, realm, r => CreateAsync(http, r)));
        app.MapGet(Base + "/{id}", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r =>
            r.Keys.Components.FirstOrDefault(c => c.Id == id) is { } found
                ? BrokerHttp.JsonAsync(http, Representation(r, found), BrokerJson.Relaxed.ComponentRepresentation)
                : AdminGuard.NotFound(http, "Could not find component")));
        app.MapDelete(Base + "/{id}", (HttpContext http, string realm, string id) => guard.InRealm(http, realm, r =>
            r.Keys.Remove(id) ? AdminGuard.NoContent(http) : AdminGuard.NotFound(http, "Could not find component")));
        app.MapGet("/admin/realms/{realm}/keys", (HttpContext http, string realm) => guard.InRealm(http, realm, r => BrokerHttp.JsonAsync(http, Metadata(r), BrokerJson.Relaxed.JsonObject)));
    }

    private static ComponentRepresentation Representation(Realm realm, KeyComponent key) => new()
    {
        Id = key.Id,
        Name = key.Name,
        ProviderId = key.ProviderId,
        ProviderType = ComponentRepresentation.KeyProviderType,
        ParentId = realm.Id,
        Config = new Dictionary<string, List<string>>
        {
            ["priority"] = [key.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["enabled"] = [key.Enabled ? "true" : "false"],
            ["active"] = [key.Active ? "true" : "false"],
            ["algorithm"] = ["RS256"],
            ["keySize"] = [(key.Key.Rsa.KeySize).ToString(System.Globalization.CultureInfo.InvariantCulture)],
        },
    };

    // Keycloak filters by type, name and parent; only key providers exist here.
    private static Task ListAsync(HttpContext http, Realm realm)
    {
        var query = ProtocolParameters.FromQuery(http.Request);
        if (query.Parameters is not { } p)
        {
            return AdminGuard.BadRequest(http, query.Error!);
        }

        var keys = p["type"] is null or ComponentRepresentation.KeyProviderType && (p["parent"] is null || p["parent"] == realm.Id)
            ? realm.Keys.Components.Where(c => p["name"] is null || c.Name == p["name"]).Select(c => Representation(realm, c)).ToList()
            : [];
        return BrokerHttp.JsonAsync(http, keys, BrokerJson.Relaxed.ListComponentRepresentation);
    }

    private static async Task CreateAsync(HttpContext http, Realm realm)
    {
        var component = await AdminGuard.ReadAsync(http, BrokerJson.Default.ComponentRepresentation);
        if (component is null)
        {
            return;
        }

        if (component.ProviderType != ComponentRepresentation.KeyProviderType || component.ProviderId is not ("rsa-generated" or "rsa"))
        {
            await AdminGuard.BadRequest(http, $"MockBroker keeps only RS256 key providers (providerType {ComponentRepresentation.KeyProviderType}, providerId rsa-generated or rsa); got {BrokerHttp.Short(component.ProviderType ?? "none")}/{BrokerHttp.Short(component.ProviderId ?? "none")}");
            return;
        }

        if (Problem(component, out var priority, out var enabled, out var active, out var key) is { } problem)
        {
            await AdminGuard.BadRequest(http, problem);
            return;
        }

        var added = realm.Keys.Add(component.Name ?? component.ProviderId, component.ProviderId, priority, enabled, active, key);
        await AdminGuard.Created(http, $"{AdminGuard.AdminUrl(realm)}/components/{added.Id}");
    }

    // Keycloak's ConfigurationValidationHelper texts for the key providers' settings.
    private static string? Problem(ComponentRepresentation component, out long priority, out bool enabled, out bool active, out SigningKey? key)
    {
        priority = 0;
        enabled = component.First("enabled") != "false";
        active = component.First("active") != "false";
        key = null;
        if (component.First("priority") is { } text && !long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out priority))
        {
            return "'Priority' should be a number";
        }

        if (component.First("keySize") is { } size && size is not ("1024" or "2048" or "3072" or "4096"))
        {
            return "'Key size' should be 1024, 2048, 3072 or 4096";
        }

        if (component.ProviderId == "rsa-generated")
        {
            key = SigningKey.Generate(kid: Guid.NewGuid().ToString("N"), bits: int.Parse(component.First("keySize") ?? "2048", System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }

        if (component.First("privateKey") is not { Length: > 0 } pem)
        {
            return "'Private RSA Key' is required";
        }

        try
        {
            var rsa = System.Security.Cryptography.RSA.Create();
            rsa.ImportFromPem(pem);
            key = SigningKey.FromRsa(rsa);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            return "Failed to decode private key";
        }
    }

    // Keycloak's KeysMetadataRepresentation: the active kid per algorithm and every key (providerId is the component id).
    private static JsonObject Metadata(Realm realm)
    {
        var keys = new JsonArray();
        foreach (var c in realm.Keys.Components)
        {
            keys.Add((JsonNode)new JsonObject
            {
                ["providerId"] = c.Id,
                ["providerPriority"] = c.Priority,
                ["kid"] = c.Kid,
                ["status"] = c.Status,
                ["type"] = "RSA",
                ["algorithm"] = "RS256",
                ["publicKey"] = c.Key.PublicKeyDerBase64,
                ["certificate"] = Convert.ToBase64String(c.Certificate),
                ["use"] = "SIG",
            });
        }

        keys.Add((JsonNode)new JsonObject { ["providerId"] = "hmac-generated", ["providerPriority"] = 100, ["kid"] = realm.RefreshSigner.Kid, ["status"] = "ACTIVE", ["type"] = "OCT", ["algorithm"] = "HS512", ["use"] = "SIG" });
        return new JsonObject
        {
            ["active"] = new JsonObject { ["RS256"] = realm.Keys.Active.Kid, ["HS512"] = realm.RefreshSigner.Kid },
            ["keys"] = keys,
        };
    }
}
