using System.Collections.Concurrent;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// The base URLs of the stand-ins of one stack (<c>idp</c>, <c>broker</c>, <c>target</c>). Fixtures
/// write <c>{idp}</c>, <c>{broker}</c> and <c>{target}</c> in registered URIs; they are resolved at
/// request time, because on port 0 each server learns the others' ports only after they start.
/// </summary>
public sealed class StackUrls
{
    private readonly ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);

    public void Set(string name, string baseUrl) => _urls[name] = baseUrl.TrimEnd('/');

    public string? Get(string name) => _urls.TryGetValue(name, out var url) ? url : null;

    public IReadOnlyDictionary<string, string> All => new Dictionary<string, string>(_urls);

    /// <summary>Replaces every known <c>{name}</c>; an unknown placeholder is left as it is and so never matches a real URI.</summary>
    public string Resolve(string template)
    {
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        foreach (var (name, url) in _urls)
        {
            template = template.Replace("{" + name + "}", url, StringComparison.Ordinal);
        }

        return template;
    }
}
