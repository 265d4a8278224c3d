using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Tokens;

/// <summary>
/// A realm's RS256 keys: the active one signs; after a rotation the previous ones stay published
/// in the JWKS (and keep verifying) for a grace period, like Keycloak's passive keys. Restoring
/// makes the realm's first key active again and drops the keys rotations made, as removing the
/// added key provider does in Keycloak. The JWKS document is rendered once per change, not per request.
/// </summary>
internal sealed class RealmKeys
{
    public static readonly TimeSpan RotationGrace = TimeSpan.FromHours(1);

    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly State _initial;
    private State _state;

    public RealmKeys(SigningKey initial, TimeProvider clock)
    {
        _clock = clock;
        _initial = Render(new RsaJwsSigner(initial), []);
        _state = _initial;
    }

    public RsaJwsSigner Active => Current.Active;

    /// <summary>The JWKS (RFC 7517 §5) as UTF-8 JSON, ready to write.</summary>
    public byte[] JwksJson => Current.Jwks;

    public SigningKey Rotate()
    {
        var next = new RsaJwsSigner(SigningKey.Generate(kid: Guid.NewGuid().ToString("N")));
        lock (_gate)
        {
            var expires = _clock.GetUtcNow() + RotationGrace;
            var retired = _state.Retired.Where(r => r.Expires > _clock.GetUtcNow()).Append(new Retired(_state.Active, expires)).ToList();
            Volatile.Write(ref _state, Render(next, retired));
        }

        return next.Key;
    }

    /// <summary>Back to the first key alone; false when nothing was rotated.</summary>
    public bool Restore()
    {
        lock (_gate)
        {
            if (ReferenceEquals(_state, _initial))
            {
                return false;
            }

            Volatile.Write(ref _state, _initial);
            return true;
        }
    }

    /// <summary>RFC 7515 §4.1.4: the key named by <c>kid</c>, if this realm publishes it now.</summary>
    public bool VerifyRs256(ParsedJwt jwt)
    {
        if (jwt.Alg != "RS256" || jwt.Kid is null)
        {
            return false;
        }

        var state = Current;
        var key = state.Active.Key.Kid == jwt.Kid ? state.Active.Key : state.Retired.FirstOrDefault(r => r.Signer.Key.Kid == jwt.Kid)?.Signer.Key;
        return key is not null && key.Rsa.VerifyData(jwt.SigningInput, jwt.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private State Current
    {
        get
        {
            var state = Volatile.Read(ref _state);
            if (state.Retired.Count == 0 || state.Retired.TrueForAll(r => r.Expires > _clock.GetUtcNow()))
            {
                return state;
            }

            lock (_gate)
            {
                var live = _state.Retired.Where(r => r.Expires > _clock.GetUtcNow()).ToList();
                Volatile.Write(ref _state, Render(_state.Active, live));
                return _state;
            }
        }
    }

    private static State Render(RsaJwsSigner active, List<Retired> retired)
    {
        var keys = new JsonArray(new[] { active }.Concat(retired.Select(r => r.Signer)).Select(s => (JsonNode)s.Key.Jwk.DeepClone()).ToArray());
        return new State(active, retired, JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["keys"] = keys }, BrokerJson.Default.JsonObject));
    }

    private sealed record Retired(RsaJwsSigner Signer, DateTimeOffset Expires);

    private sealed record State(RsaJwsSigner Active, List<Retired> Retired, byte[] Jwks);
}
