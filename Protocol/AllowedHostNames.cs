using Microsoft.AspNetCore.Http;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// The <c>Host</c> values a stand-in answers: a loopback name (127.0.0.1, localhost, [::1]) with
/// one of its bound ports, or a name given explicitly (<c>name</c>: any port; <c>name:port</c>:
/// that port only). Names compare case-insensitively (RFC 9110 §4.2.3).
/// </summary>
public sealed class AllowedHostNames
{
    private static readonly string[] Loopback = ["127.0.0.1", "localhost", "[::1]"];

    private readonly Func<IReadOnlyCollection<int>> _boundPorts;
    private readonly List<(string Name, int? Port)> _explicit;
    private IReadOnlyCollection<int>? _ports;

    internal AllowedHostNames(Func<IReadOnlyCollection<int>> boundPorts, IEnumerable<string> allowedHosts)
    {
        _boundPorts = boundPorts;
        _explicit = allowedHosts.Select(Parse).ToList();
    }

    /// <summary>The bound ports, read once the server is listening (port 0 is only known then).</summary>
    private IReadOnlyCollection<int> Ports => _ports ?? (_boundPorts() is { Count: > 0 } bound ? _ports = bound : []);

    /// <summary>Checks <c>--allowed-host</c> values before a server starts; throws <see cref="ArgumentException"/> naming a bad one.</summary>
    public static void Validate(IEnumerable<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(allowedHosts);
        foreach (var entry in allowedHosts)
        {
            Parse(entry);
        }
    }

    internal bool Allows(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }

        var name = host.Host;
        var port = host.Port;
        if (Loopback.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            // RFC 9110 §7.2: the port may be left out only when it is the scheme's default.
            return port is { } p ? Ports.Contains(p) : Ports.Contains(80);
        }

        return _explicit.Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase) && (e.Port is null || e.Port == port));
    }

    internal string Describe()
    {
        var ports = string.Join(" or ", Ports.Order());
        var extra = _explicit.Count == 0 ? "" : $" and {string.Join(", ", _explicit.Select(e => e.Port is { } p ? $"{e.Name}:{p}" : e.Name))}";
        return $"127.0.0.1, localhost and [::1] on port {ports}{extra}";
    }

    private static (string Name, int? Port) Parse(string entry)
    {
        var host = HostString.FromUriComponent(entry.Trim());
        var valid = host.HasValue && !entry.Contains('/', StringComparison.Ordinal) && !entry.Contains('*', StringComparison.Ordinal)
            && Uri.CheckHostName(host.Host.Trim('[', ']')) != UriHostNameType.Unknown
            && (host.Port is null || host.Port is > 0 and <= 65535);
        return valid
            ? (host.Host, host.Port)
            : throw new ArgumentException($"--allowed-host '{entry}': expected a host name such as pbench.example or pbench.example:8443.");
    }
}
