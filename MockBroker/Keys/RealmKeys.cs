using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using PbenchAuthSpec.MockBroker.Tokens;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Keys;

/// <summary>
/// A realm's RS256 key providers, as Keycloak keeps them: several keys, one active signer (the
/// enabled, active key of highest priority), every enabled key published in the JWKS and
/// accepted when verifying. Keycloak: services/src/main/java/org/keycloak/keys/DefaultKeyManager.java
/// (getActiveKey picks by priority). The rotation hook adds a key of higher priority and drops
/// the one it replaced after <see cref="RotationGrace"/>, as an operator rotating Keycloak's keys
/// does (a new key provider, the old one deleted once its tokens are gone). The JWKS is rendered
/// once per change.
/// </summary>
internal sealed class RealmKeys
{
    /// <summary>Keycloak's default priority for a realm's generated keys.</summary>
    public const long DefaultPriority = 100;

    /// <summary>How long the rotation hook keeps the replaced signing key published.</summary>
    public static readonly TimeSpan RotationGrace = TimeSpan.FromHours(1);

    private readonly string _realm;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _retireAt = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rotated = new(StringComparer.Ordinal);
    private State _state;
    private long _nextRetireTicks = long.MaxValue;

    public RealmKeys(string realm, SigningKey initial, string providerId, TimeProvider clock)
    {
        _realm = realm;
        _clock = clock;
        _state = Render([New(providerId, providerId, DefaultPriority, true, true, initial)]);
    }

    public TokenSigner Active => Current.Active;

    /// <summary>The active key itself (its RSA parameters and public key forms).</summary>
    public SigningKey ActiveKey => Current.ActiveComponent.Key;

    /// <summary>The JWKS (RFC 7517 §5) as UTF-8 JSON, ready to write.</summary>
    public byte[] JwksJson => Current.Jwks;

    public IReadOnlyList<KeyComponent> Components => Current.Components;

    /// <summary>A new generated key of higher priority signs from now on; the one it replaces stays published for <see cref="RotationGrace"/>.</summary>
    public SigningKey Rotate()
    {
        lock (_gate)
        {
            var previous = _state.ActiveComponent;
            var top = _state.Components.Max(c => c.Priority);
            var next = New("rsa-generated", "rsa-generated", top + 1, true, true, SigningKey.Generate(kid: NewKid()));
            _retireAt[previous.Id] = _clock.GetUtcNow() + RotationGrace;
            _rotated.Add(next.Id);
            Volatile.Write(ref _nextRetireTicks, _retireAt.Values.Min().UtcTicks);
            Volatile.Write(ref _state, Render([.. _state.Components, next]));
            return next.Key;
        }
    }

    /// <summary>
    /// Undoes the rotation hook: the keys it added are dropped (as deleting the added key provider
    /// does in Keycloak) and the keys they replaced stay; false when nothing was rotated. Key
    /// providers added through the admin API are left alone.
    /// </summary>
    public bool Restore()
    {
        lock (_gate)
        {
            var components = _state.Components;
            if (!components.Any(c => _rotated.Contains(c.Id)))
            {
                _rotated.Clear();
                return false;
            }

            var kept = components.Where(c => !_rotated.Contains(c.Id)).ToList();
            foreach (var c in kept)
            {
                _retireAt.Remove(c.Id);
            }

            _rotated.Clear();
            Volatile.Write(ref _nextRetireTicks, _retireAt.Count == 0 ? long.MaxValue : _retireAt.Values.Min().UtcTicks);
            Volatile.Write(ref _state, Render(kept));
            return true;
        }
    }

    /// <summary>Keycloak's <c>POST components</c> for a key provider; the problem in Keycloak's words otherwise.</summary>
    public KeyComponent Add(string name, string providerId, long priority, bool enabled, bool active, SigningKey? key = null)
    {
        lock (_gate)
        {
            var component = New(name, providerId, priority, enabled, active, key ?? SigningKey.Generate(kid: NewKid()));
            Volatile.Write(ref _state, Render([.. _state.Components, component]));
            return component;
        }
    }

    /// <summary>Drops the component and its key; false when the realm has no such component.</summary>
    public bool Remove(string id)
    {
        lock (_gate)
        {
            var rest = _state.Components.Where(c => c.Id != id).ToList();
            if (rest.Count == _state.Components.Count)
            {
                return false;
            }

            _retireAt.Remove(id);
            Volatile.Write(ref _state, Render(rest));
            return true;
        }
    }

    /// <summary>RFC 7515 §4.1.4: the key named by <c>kid</c>, if this realm publishes it now.</summary>
    public Task<bool> VerifyRs256Async(JsonWebToken jwt) =>
        jwt.Kid is { } kid && Current.Published.FirstOrDefault(c => c.Kid == kid)?.Signer is { } signer ? signer.VerifiesAsync(jwt) : Task.FromResult(false);

    // Keys the rotation hook replaced leave once their grace period is over.
    private State Current
    {
        get
        {
            var state = Volatile.Read(ref _state);
            if (_clock.GetUtcNow().UtcTicks < Volatile.Read(ref _nextRetireTicks))
            {
                return state;
            }

            lock (_gate)
            {
                var now = _clock.GetUtcNow();
                var gone = _retireAt.Where(r => r.Value <= now).Select(r => r.Key).ToList();
                if (gone.Count > 0)
                {
                    gone.ForEach(id => _retireAt.Remove(id));
                    Volatile.Write(ref _state, Render(_state.Components.Where(c => !gone.Contains(c.Id)).ToList()));
                }

                Volatile.Write(ref _nextRetireTicks, _retireAt.Count == 0 ? long.MaxValue : _retireAt.Values.Min().UtcTicks);
                return _state;
            }
        }
    }

    private static string NewKid() => Guid.NewGuid().ToString("N");

    private KeyComponent New(string name, string providerId, long priority, bool enabled, bool active, SigningKey key) =>
        new(Guid.NewGuid().ToString(), name, providerId, priority, enabled, active, key, _realm, _clock.GetUtcNow());

    private State Render(List<KeyComponent> components)
    {
        // Keycloak: with no enabled, active key left the realm makes a fallback key rather than
        // sign with nothing (services/src/main/java/org/keycloak/keys/DefaultKeyManager.java).
        if (!components.Any(c => c.Enabled && c.Active))
        {
            components = [.. components, New("fallback-RS256", "rsa-generated", -100, true, true, SigningKey.Generate(kid: NewKid()))];
        }

        var published = components.Where(c => c.Enabled).OrderByDescending(c => c.Priority).ToList();
        var signer = published.First(c => c.Active);
        var keys = new JsonArray(published.Select(c => c.Jwk.DeepClone()).ToArray());
        return new State(signer, components, published, JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["keys"] = keys }, BrokerJson.Default.JsonObject));
    }

    private sealed record State(KeyComponent ActiveComponent, List<KeyComponent> Components, List<KeyComponent> Published, byte[] Jwks)
    {
        public TokenSigner Active => ActiveComponent.Signer;
    }
}
