namespace PbenchAuthSpec.Protocol;

/// <summary>
/// <c>--name value</c> and <c>--flag</c> arguments for the standalone servers. Unknown options
/// are an error that names them, so a typo never silently runs with defaults.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    private CommandLine()
    {
    }

    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlySet<string> valued, IReadOnlySet<string> flags)
    {
        var line = new CommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            if (flags.Contains(name) && eq < 0)
            {
                line.Add(name, "true");
            }
            else if (valued.Contains(name))
            {
                var value = eq > 0 ? arg[(eq + 1)..] : i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
                line.Add(name, value);
            }
            else
            {
                var known = string.Join(", ", valued.Concat(flags).Order(StringComparer.Ordinal));
                throw new ArgumentException($"unknown option '{arg}' (known: {known}).");
            }
        }

        return line;
    }

    public string? Value(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public bool Flag(string name) => _values.ContainsKey(name);

    private void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var list))
        {
            _values[name] = list = [];
        }

        list.Add(value);
    }
}
