using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using PbenchAuthSpec.MockBroker.Fixtures;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>
/// A realm's identity providers and their mappers, seeded from the fixture and changed at run time
/// through the admin API. Readers see each provider as one immutable record (replaced, never mutated).
/// </summary>
internal sealed class IdentityProviderStore : IReadOnlyDictionary<string, IdentityProviderFixture>
{
    private readonly string _realm;
    private readonly ConcurrentDictionary<string, IdentityProviderFixture> _providers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IdentityProviderMapperFixture> _mappers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public IdentityProviderStore(RealmFixture fixture)
    {
        _realm = fixture.Realm;
        foreach (var idp in fixture.IdentityProviders)
        {
            Put(idp);
        }

        foreach (var mapper in fixture.IdentityProviderMappers)
        {
            PutMapper(mapper);
        }
    }

    public int Count => _providers.Count;

    public IEnumerable<string> Keys => Values.Select(p => p.Alias);

    /// <summary>In the order they were first added (the login page lists them so).</summary>
    public IEnumerable<IdentityProviderFixture> Values => _order.Distinct(StringComparer.Ordinal).Select(a => _providers.GetValueOrDefault(a)).OfType<IdentityProviderFixture>();

    public IdentityProviderFixture this[string key] => _providers[key];

    public bool ContainsKey(string key) => _providers.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out IdentityProviderFixture value) => _providers.TryGetValue(key, out value);

    /// <summary>Adds or replaces a provider; true when it is new.</summary>
    public bool Put(IdentityProviderFixture idp)
    {
        ArgumentNullException.ThrowIfNull(idp);
        var added = _providers.TryAdd(idp.Alias, idp);
        if (added)
        {
            _order.Enqueue(idp.Alias);
        }
        else
        {
            _providers[idp.Alias] = idp;
        }

        return added;
    }

    /// <summary>Keycloak removes a provider's mappers with it.</summary>
    public bool Remove(string alias)
    {
        foreach (var mapper in MappersOf(alias))
        {
            _mappers.TryRemove(mapper.Id, out _);
        }

        return _providers.TryRemove(alias, out _);
    }

    public IReadOnlyList<IdentityProviderMapperFixture> MappersOf(string alias) =>
        _mappers.Values.Where(m => m.IdentityProviderAlias == alias).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

    public IdentityProviderMapperFixture? Mapper(string id) => _mappers.GetValueOrDefault(id);

    /// <summary>Adds or replaces a mapper; one without an id gets a stable one from its realm, provider and name.</summary>
    public IdentityProviderMapperFixture PutMapper(IdentityProviderMapperFixture mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        var stored = mapper.Id.Length > 0 ? mapper : mapper with { Id = ImportedUserIds.NameBased($"{_realm}/idp-mapper/{mapper.IdentityProviderAlias}/{mapper.Name}").ToString() };
        _mappers[stored.Id] = stored;
        return stored;
    }

    public bool RemoveMapper(string id) => _mappers.TryRemove(id, out _);

    public IEnumerator<KeyValuePair<string, IdentityProviderFixture>> GetEnumerator() =>
        Values.Select(p => KeyValuePair.Create(p.Alias, p)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
