using System.Text.Json;
using System.Text.Json.Nodes;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Tokens;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// A standalone MockBroker (<c>./pbench-auth-spec serve</c>): it signs with the fixture key
/// (fixtures/keys/broker-signing.pem), which the harness recognises in the JWKS and forges with,
/// rotates on <c>POST /__admin/broker/realms/{realm}/rotate-key</c> and goes back to its original
/// key on <c>POST …/restore-key</c>. A broker with neither (a real Keycloak) gets no keys at all.
/// </summary>
public sealed class HttpBrokerKeys : IBrokerKeys
{
    private readonly HarnessHttp _http;
    private readonly string? _rotateUrl;
    private readonly string? _restoreUrl;

    private HttpBrokerKeys(HarnessHttp http, SigningKey? active, string? hooks)
    {
        _http = http;
        Active = active;
        _rotateUrl = hooks is null ? null : hooks + "/rotate-key";
        _restoreUrl = hooks is null ? null : hooks + "/restore-key";
    }

    public SigningKey? Active { get; }

    public string? CannotRotate => _rotateUrl is null ? "the broker offers no rotation hook (/__admin/broker): its key rotation cannot be triggered from here" : null;

    public string RestoreHint => _restoreUrl is null ? "restart the broker" : $"POST {_restoreUrl} with Content-Type: application/json (MockBroker's test hook), or restart the broker";

    public static async Task<IBrokerKeys?> DetectAsync(HarnessHttp http, BrokerFacts broker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(broker);
        var status = await http.GetAsync($"{broker.BaseUrl}/__admin/broker", cancellationToken: cancellationToken);
        var hook = status.Status == 200 && (status.ResponseBody?.Contains("\"realms\"", StringComparison.Ordinal) ?? false)
            ? $"{broker.BaseUrl}/__admin/broker/realms/{broker.Realm}"
            : null;
        var fixture = FixtureKey(broker.Jwks);
        return hook is null && fixture is null ? null : new HttpBrokerKeys(http, fixture, hook);
    }

    public async Task<SigningKey?> RotateAsync(CancellationToken cancellationToken)
    {
        var answer = await _http.PostJsonAsync(_rotateUrl ?? throw new InvalidOperationException(CannotRotate), "{}", cancellationToken);
        return answer.Status == 200 ? null : throw new InvalidOperationException($"the broker's rotation hook answered {Steps.StatusText(answer)}");
    }

    public async Task<bool> RestoreAsync(CancellationToken cancellationToken)
    {
        var answer = await _http.PostJsonAsync(_restoreUrl ?? throw new InvalidOperationException(CannotRotate), "{}", cancellationToken);
        if (answer.Status != 200)
        {
            throw new InvalidOperationException($"the broker's restore hook answered {Steps.StatusText(answer)}");
        }

        try
        {
            return JsonNode.Parse(answer.ResponseBody ?? "") is JsonObject body && body["restored"] is JsonValue v && v.TryGetValue(out bool restored) && restored;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The fixture key when the broker's JWKS publishes it (with the kid the broker gave it).</summary>
    public static SigningKey? FixtureKey(Jwks jwks)
    {
        ArgumentNullException.ThrowIfNull(jwks);
        var path = FixturePaths.File("keys", "broker-signing.pem");
        if (!File.Exists(path))
        {
            return null;
        }

        var fixture = SigningKey.FromPemFile(path);
        var modulus = DecodedJwt.Text(fixture.Jwk, "n");
        var published = jwks.Keys.FirstOrDefault(k => DecodedJwt.Text(k, "n") == modulus);
        return published is null ? null : SigningKey.FromRsa(fixture.Rsa, DecodedJwt.Text(published, "kid"));
    }
}
