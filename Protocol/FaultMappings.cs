using Microsoft.AspNetCore.Http;

namespace PbenchAuthSpec.Protocol;

/// <summary>The live set of fault mappings of one stand-in; scriptable through <c>/__admin/mappings</c>.</summary>
public sealed class FaultMappings
{
    private readonly Lock _gate = new();
    private readonly List<FaultMapping> _mappings = [];
    private readonly Dictionary<Guid, int> _used = [];

    public IReadOnlyList<FaultMapping> All
    {
        get
        {
            lock (_gate)
            {
                return _mappings.ToList();
            }
        }
    }

    public void Add(FaultMapping mapping)
    {
        lock (_gate)
        {
            _mappings.RemoveAll(m => m.Guid == mapping.Guid);
            _mappings.Add(mapping);
            _mappings.Sort((a, b) => a.Priority.CompareTo(b.Priority));
        }
    }

    public void AddFile(string path) =>
        AddRange(FaultMapping.Parse(File.ReadAllText(path), path));

    public void AddRange(IEnumerable<FaultMapping> mappings)
    {
        foreach (var mapping in mappings)
        {
            Add(mapping);
        }
    }

    public bool Remove(Guid guid)
    {
        lock (_gate)
        {
            return _mappings.RemoveAll(m => m.Guid == guid) > 0;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _mappings.Clear();
            _used.Clear();
        }
    }

    /// <summary>The first mapping that matches and still has uses left; counts the use.</summary>
    public FaultMapping? Take(HttpRequest request)
    {
        lock (_gate)
        {
            if (_mappings.Count == 0)
            {
                return null;
            }

            var path = request.Path.Value ?? "/";
            foreach (var mapping in _mappings)
            {
                if (!mapping.Request.Matches(request.Method, path))
                {
                    continue;
                }

                var used = _used.GetValueOrDefault(mapping.Guid);
                if (mapping.Times is { } times && used >= times)
                {
                    continue;
                }

                _used[mapping.Guid] = used + 1;
                return mapping;
            }

            return null;
        }
    }
}
