using PbenchAuthSpec.MockBroker.Fixtures;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>
/// A realm's clients by <c>clientId</c> and by internal id. Readers get an immutable snapshot;
/// the admin API replaces it under a lock (copy on write), so a request never sees half a change.
/// </summary>
internal sealed class RealmClients
{
    private readonly Lock _gate = new();
    private Snapshot _snapshot = new(new Dictionary<string, ClientFixture>(StringComparer.Ordinal), new Dictionary<string, ClientFixture>(StringComparer.Ordinal));

    public IReadOnlyDictionary<string, ClientFixture> ByClientId => Volatile.Read(ref _snapshot).ByClientId;

    public ClientFixture? ById(string id) => Volatile.Read(ref _snapshot).ById.GetValueOrDefault(id);

    /// <summary>Adds a client with an id; Keycloak's 409 text when the clientId is taken.</summary>
    public string? Add(ClientFixture client)
    {
        lock (_gate)
        {
            var current = _snapshot;
            if (current.ByClientId.ContainsKey(client.ClientId) || current.ById.ContainsKey(client.Id!))
            {
                return $"Client {client.ClientId} already exists";
            }

            Publish(current.ById.Values.Append(client));
            return null;
        }
    }

    /// <summary>Replaces the client of the same id; Keycloak's 409 text when the new clientId belongs to another client.</summary>
    public string? Replace(ClientFixture client)
    {
        lock (_gate)
        {
            var current = _snapshot;
            if (current.ByClientId.TryGetValue(client.ClientId, out var other) && other.Id != client.Id)
            {
                return $"Client {client.ClientId} already exists";
            }

            Publish(current.ById.Values.Where(c => c.Id != client.Id).Append(client));
            return null;
        }
    }

    public ClientFixture? Remove(string id)
    {
        lock (_gate)
        {
            var current = _snapshot;
            if (!current.ById.TryGetValue(id, out var removed))
            {
                return null;
            }

            Publish(current.ById.Values.Where(c => c.Id != id));
            return removed;
        }
    }

    private void Publish(IEnumerable<ClientFixture> clients)
    {
        var list = clients.ToList();
        Volatile.Write(ref _snapshot, new Snapshot(
            list.ToDictionary(c => c.ClientId, StringComparer.Ordinal),
            list.ToDictionary(c => c.Id!, StringComparer.Ordinal)));
    }

    private sealed record Snapshot(Dictionary<string, ClientFixture> ByClientId, Dictionary<string, ClientFixture> ById);
}
