using PbenchAuthSpec.SpecTests.Catalogue;
using PbenchAuthSpec.SpecTests.Checks;

namespace PbenchAuthSpec.SpecTests.Settings;

/// <summary>
/// <c>--known-failures FILE</c>: the checks a target is known to fail, one id per line; <c>#</c>
/// starts a comment (a comment after an id is its reason, shown beside the KNOWN verdict); blank
/// lines are ignored. A run whose every failing check is listed passes the gate.
/// </summary>
public sealed record KnownFailureList
{
    public required string Path { get; init; }

    /// <summary>Listed id → its reason (the comment after it, else where it is listed).</summary>
    public required IReadOnlyDictionary<string, string> Reasons { get; init; }

    /// <summary>Listed id → its line number, for messages that point into the file.</summary>
    public required IReadOnlyDictionary<string, int> Lines { get; init; }

    /// <summary>Reads the file; one line naming the problem (a settings error) when it cannot be read.</summary>
    public static KnownFailureList Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SpecSettingsException($"--known-failures {path}: cannot read it ({e.Message.Split('\n')[0]}).", e);
        }

        return Parse(lines, path);
    }

    public static KnownFailureList Parse(IReadOnlyList<string> lines, string path)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var hash = lines[i].IndexOf('#', StringComparison.Ordinal);
            var id = (hash < 0 ? lines[i] : lines[i][..hash]).Trim();
            if (id.Length == 0)
            {
                continue;
            }

            if (id.Any(char.IsWhiteSpace))
            {
                throw new SpecSettingsException($"--known-failures {path}:{i + 1}: '{id}' is not one check id (one id per line; '#' starts a comment).");
            }

            var reason = hash < 0 ? "" : lines[i][(hash + 1)..].Trim();
            reasons.TryAdd(id, reason.Length > 0 ? reason : $"listed in {System.IO.Path.GetFileName(path)}");
            at.TryAdd(id, i + 1);
        }

        return new KnownFailureList { Path = path, Reasons = reasons, Lines = at };
    }

    /// <summary>Every listed id must be one a check of this run can have (README lists them); else one line naming the first that is not.</summary>
    public void Validate(ProfileCatalogue catalogue)
    {
        var unknown = Lines.Where(l => !CheckIds.Exists(l.Key, catalogue)).OrderBy(l => l.Value).FirstOrDefault();
        if (unknown.Key is not null)
        {
            throw new SpecSettingsException($"--known-failures {Path}:{unknown.Value}: '{unknown.Key}' is not a check id (README lists them under 'Check ids'; s18.N and s19.N count the catalogue's rows).");
        }
    }
}
