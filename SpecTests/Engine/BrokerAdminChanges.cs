using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// What <c>--broker-admin-changes</c> changes on a broker the harness does not own, through
/// Keycloak's admin REST API: a temporary client (short access-token lifespan, the target's
/// audience, an <c>ADMIN</c> role the other user is given) and, as the rotation of
/// <see cref="IBrokerKeys"/>, a generated RSA key provider of higher priority. Everything it makes
/// carries a fixed name, so <see cref="RestoreAsync"/> removes whatever is left of it, whoever
/// made it: at the end, from <see cref="KeyRestoreGuard"/> on a failure or signal, and before the
/// next run when a run was killed outright.
/// </summary>
public sealed class BrokerAdminChanges(BrokerAdminApi api, string realm) : IBrokerKeys
{
    /// <summary>The temporary client's <c>clientId</c>.</summary>
    public const string TemporaryClient = "pbench-auth-spec-temporary";

    /// <summary>The rotation's key provider (component) name.</summary>
    public const string KeyProvider = "pbench-auth-spec-rotation";

    /// <summary>The role the other user gets under the temporary client.</summary>
    public const string AdminRole = "ADMIN";

    private const string KeyProviderType = "org.keycloak.keys.KeyProvider";

    public SigningKey? Active => null;

    public string? CannotRotate => null;

    public string RestoreHint => $"in the broker's admin console, realm {realm}: delete the client {TemporaryClient} and the key provider {KeyProvider} (Realm settings → Keys → Providers)";

    public string RotationRequest => $"POST /admin/realms/{realm}/components (providerId rsa-generated, name {KeyProvider}, a higher priority)";

    public string LeftoverWhat => $"the client {TemporaryClient} or the key provider {KeyProvider} was found on the broker before the run (an earlier run stopped before removing them)";

    // Keycloak picks the active key of highest priority: one above every provider the realm has.
    public async Task<SigningKey?> RotateAsync(CancellationToken cancellationToken)
    {
        var providers = await api.GetAsync($"/components?type={KeyProviderType}", cancellationToken) as JsonArray
            ?? throw new InvalidOperationException($"the broker's key providers could not be read (GET /admin/realms/{realm}/components): {await ProblemAsync(cancellationToken)}");
        var top = providers.OfType<JsonObject>().Select(Priority).DefaultIfEmpty(0).Max();
        var component = new JsonObject
        {
            ["name"] = KeyProvider, ["providerId"] = "rsa-generated", ["providerType"] = KeyProviderType,
            ["config"] = new JsonObject
            {
                ["priority"] = new JsonArray((top + 1).ToString(CultureInfo.InvariantCulture)), ["enabled"] = new JsonArray("true"),
                ["active"] = new JsonArray("true"), ["keySize"] = new JsonArray("2048"),
            },
        };
        await RequireAsync(HttpMethod.Post, "/components", component, 201, cancellationToken);
        return null;
    }

    /// <summary>Removes the temporary client (its roles and their mappings go with it) and the rotation's key provider; true when there was any.</summary>
    public async Task<bool> RestoreAsync(CancellationToken cancellationToken)
    {
        var removed = false;
        var clients = await api.GetAsync($"/clients?clientId={TemporaryClient}", cancellationToken) as JsonArray
            ?? throw new InvalidOperationException($"the broker's clients could not be read: {await ProblemAsync(cancellationToken)}");
        foreach (var id in clients.OfType<JsonObject>().Select(c => Text(c, "id")).OfType<string>())
        {
            await RequireAsync(HttpMethod.Delete, $"/clients/{id}", null, 204, cancellationToken);
            removed = true;
        }

        var providers = await api.GetAsync($"/components?type={KeyProviderType}&name={KeyProvider}", cancellationToken) as JsonArray
            ?? throw new InvalidOperationException($"the broker's key providers could not be read: {await ProblemAsync(cancellationToken)}");
        foreach (var id in providers.OfType<JsonObject>().Where(p => Text(p, "name") == KeyProvider).Select(p => Text(p, "id")).OfType<string>())
        {
            await RequireAsync(HttpMethod.Delete, $"/components/{id}", null, 204, cancellationToken);
            removed = true;
        }

        return removed;
    }

    /// <summary>
    /// Creates the temporary client: public, direct access grants, the access-token lifespan
    /// (Keycloak's client attribute <c>access.token.lifespan</c>, seconds) and an audience mapper
    /// for the target's audience. Returns its id.
    /// </summary>
    public async Task<string> CreateClientAsync(string audience, int lifespanSeconds, CancellationToken cancellationToken)
    {
        var client = new JsonObject
        {
            ["clientId"] = TemporaryClient, ["publicClient"] = true, ["directAccessGrantsEnabled"] = true, ["standardFlowEnabled"] = false,
            ["attributes"] = new JsonObject { ["access.token.lifespan"] = lifespanSeconds.ToString(CultureInfo.InvariantCulture) },
            ["protocolMappers"] = new JsonArray(new JsonObject
            {
                ["name"] = "audience", ["protocol"] = "openid-connect", ["protocolMapper"] = "oidc-audience-mapper",
                ["config"] = new JsonObject { ["included.client.audience"] = audience, ["access.token.claim"] = "true", ["id.token.claim"] = "false" },
            }),
        };
        var created = await RequireAsync(HttpMethod.Post, "/clients", client, 201, cancellationToken);
        return created.Location is { } location ? location[(location.LastIndexOf('/') + 1)..]
            : throw new InvalidOperationException($"the broker created the client {TemporaryClient} without a Location header");
    }

    /// <summary>Creates <see cref="AdminRole"/> under the client and maps it to the user; returns the role as the mapping names it.</summary>
    public async Task<JsonObject> GiveAdminRoleAsync(string clientId, string username, CancellationToken cancellationToken)
    {
        await RequireAsync(HttpMethod.Post, $"/clients/{clientId}/roles", new JsonObject { ["name"] = AdminRole }, 201, cancellationToken);
        var role = await api.GetAsync($"/clients/{clientId}/roles/{AdminRole}", cancellationToken) as JsonObject
            ?? throw new InvalidOperationException($"the role {AdminRole} of {TemporaryClient} could not be read back");
        var userId = await UserIdAsync(username, cancellationToken);
        await RequireAsync(HttpMethod.Post, $"/users/{userId}/role-mappings/clients/{clientId}", new JsonArray(role.DeepClone()), 204, cancellationToken);
        return role;
    }

    /// <summary>Takes the role back from the user, then deletes the client (and with it the role).</summary>
    public async Task UndoClientAsync(string clientId, string? username, JsonObject? role, CancellationToken cancellationToken)
    {
        if (username is not null && role is not null)
        {
            var userId = await UserIdAsync(username, cancellationToken);
            await RequireAsync(HttpMethod.Delete, $"/users/{userId}/role-mappings/clients/{clientId}", new JsonArray(role.DeepClone()), 204, cancellationToken);
        }

        await RequireAsync(HttpMethod.Delete, $"/clients/{clientId}", null, 204, cancellationToken);
    }

    private async Task<string> UserIdAsync(string username, CancellationToken cancellationToken) =>
        (await api.GetAsync($"/users?username={Uri.EscapeDataString(username)}&exact=true", cancellationToken) as JsonArray)?.OfType<JsonObject>()
            .Where(u => string.Equals(Text(u, "username"), username, StringComparison.OrdinalIgnoreCase)).Select(u => Text(u, "id")).FirstOrDefault()
        ?? throw new InvalidOperationException($"the broker's realm {realm} has no user '{username}' the admin API can find");

    private async Task<Exchange> RequireAsync(HttpMethod method, string path, JsonNode? body, int status, CancellationToken cancellationToken)
    {
        var e = await api.SendAsync(method, path, body?.ToJsonString(), cancellationToken)
            ?? throw new InvalidOperationException(await ProblemAsync(cancellationToken) ?? "no admin token");
        return e.Status == status ? e
            : throw new InvalidOperationException($"{method.Method} /admin/realms/{realm}{path} answered {Steps.StatusText(e)} {Steps.Excerpt(e.ResponseBody, 120)}");
    }

    private async Task<string?> ProblemAsync(CancellationToken cancellationToken) => await api.ProblemAsync(cancellationToken) ?? "it did not answer 200 with JSON";

    private static long Priority(JsonObject component) =>
        component["config"] is JsonObject config && config["priority"] is JsonArray { Count: > 0 } values && values[0] is JsonValue v
        && v.TryGetValue(out string? text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var priority) ? priority : 0;

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
