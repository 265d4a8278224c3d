using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace PbenchAuthSpec.ReferenceServer.Data;

/// <summary>
/// The server's in-memory state: datasets, API keys, server settings and the audit log. One lock:
/// the data is small and every operation is short.
/// </summary>
internal sealed class ServerStore
{
    private readonly object _lock = new();
    private readonly Dictionary<string, Dataset> _datasets;
    private readonly Dictionary<long, ApiKey> _keysById = [];
    private readonly Dictionary<string, ApiKey> _keysByValue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonNode?> _settings;
    private readonly List<AuditRecord> _audit = [];
    private readonly TimeProvider _clock;
    private long _nextKeyId = 1;

    public ServerStore(SeedData seed, TimeProvider clock)
    {
        _clock = clock;
        _datasets = seed.Datasets.ToDictionary(d => d.ResourceId, StringComparer.Ordinal);
        _settings = seed.Settings.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
        SeedUsers = seed.Users;
    }

    public IReadOnlyList<string> SeedUsers { get; }

    public Dataset? FindDataset(string id)
    {
        lock (_lock)
        {
            return _datasets.GetValueOrDefault(id);
        }
    }

    public IReadOnlyList<Dataset> Datasets()
    {
        lock (_lock)
        {
            return [.. _datasets.Values.OrderBy(d => d.ResourceId, StringComparer.Ordinal)];
        }
    }

    public bool DeleteDataset(string id)
    {
        lock (_lock)
        {
            return _datasets.Remove(id);
        }
    }

    public Dataset? UpdateDataset(string id, Func<Dataset, Dataset> change)
    {
        lock (_lock)
        {
            if (!_datasets.TryGetValue(id, out var dataset))
            {
                return null;
            }

            return _datasets[id] = change(dataset);
        }
    }

    public ApiKey CreateKey(string username, string? label)
    {
        // Opaque, unguessable and never JWT-shaped (no dots), so it cannot be confused with one.
        var value = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        lock (_lock)
        {
            var key = new ApiKey(_nextKeyId++, label, value, username, _clock.GetUtcNow());
            _keysById[key.Id] = key;
            _keysByValue[key.Key] = key;
            return key;
        }
    }

    public ApiKey? FindKeyByValue(string value)
    {
        lock (_lock)
        {
            return _keysByValue.GetValueOrDefault(value);
        }
    }

    public IReadOnlyList<ApiKey> KeysOf(string username)
    {
        lock (_lock)
        {
            return [.. _keysById.Values.Where(k => k.Username == username).OrderBy(k => k.Id)];
        }
    }

    /// <summary>A user sees only their own keys: someone else's key is "not found".</summary>
    public ApiKey? FindKeyOf(string username, long id)
    {
        lock (_lock)
        {
            return _keysById.TryGetValue(id, out var key) && key.Username == username ? key : null;
        }
    }

    public bool DeleteKeyOf(string username, long id)
    {
        lock (_lock)
        {
            if (!_keysById.TryGetValue(id, out var key) || key.Username != username)
            {
                return false;
            }

            _keysById.Remove(id);
            _keysByValue.Remove(key.Key);
            return true;
        }
    }

    public void SetSetting(string name, JsonNode? value)
    {
        lock (_lock)
        {
            _settings[name] = value?.DeepClone();
        }
    }

    public void Audit(string user, string operation, string objectType, string objectId)
    {
        lock (_lock)
        {
            _audit.Add(new AuditRecord(_audit.Count + 1, _clock.GetUtcNow(), user, operation, objectType, objectId, "SUCCESS"));
        }
    }

    public IReadOnlyList<AuditRecord> AuditLog()
    {
        lock (_lock)
        {
            return [.. _audit];
        }
    }
}
