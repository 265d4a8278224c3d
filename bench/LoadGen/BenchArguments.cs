using System.Globalization;

namespace PbenchAuthSpec.LoadGen;

/// <summary><c>--name value</c> options; unknown names are an error that lists the known ones.</summary>
public sealed class BenchArguments
{
    private static readonly HashSet<string> Known =
    [
        "--root", "--reps", "--seconds", "--warmup", "--out", "--workers", "--hostile", "--settle",
        "--tolerance-mb", "--tolerance-percent", "--spec-report", "--spec-seconds", "--spec-note", "--login-connections",
        "--broker-app", "--idp-app", "--standins", "--heap-tolerance-mb", "--inject-leak", "--warmup-seconds",
    ];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static BenchArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new BenchArguments();
        for (var i = 0; i < args.Count; i++)
        {
            if (!Known.Contains(args[i]))
            {
                throw new ArgumentException($"unknown option '{args[i]}' (known: {string.Join(", ", Known.Order(StringComparer.Ordinal))}).");
            }

            parsed._values[args[i]] = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        }

        return parsed;
    }

    public string Root => Path.GetFullPath(String("--root") ?? throw new ArgumentException("--root DIR (the PbenchAuthSpec checkout) is required."));

    public string? String(string name) => _values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var text)
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new ArgumentException($"{name} {text}: expected a positive whole number.")
            : fallback;

    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out var text)
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
                ? value
                : throw new ArgumentException($"{name} {text}: expected a number ≥ 0.")
            : fallback;
}
