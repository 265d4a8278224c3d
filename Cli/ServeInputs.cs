using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.Cli;

/// <summary>
/// <c>serve</c>'s files, checked before any server starts, so a typo is one line naming the
/// option and the file (exit 2) rather than a stack half up.
/// </summary>
internal static class ServeInputs
{
    public static void RequireReadable(StandInStackOptions options)
    {
        if (options.FixturesDirectory is { } folder)
        {
            if (!Directory.Exists(folder))
            {
                throw new ArgumentException($"--fixtures {folder}: no such folder; give a copy of fixtures/ (cp -r fixtures my-fixtures).");
            }

            var needed = options.TargetUrl is null ? new[] { "idp.json", "broker.json", "reference-server.json" } : ["idp.json", "broker.json"];
            foreach (var name in needed)
            {
                _ = Read(Path.Combine(folder, name), why => $"--fixtures {folder}: no readable {name} in it ({why}); start from a copy of fixtures/.");
            }
        }

        foreach (var path in options.MappingFiles)
        {
            var files = Directory.Exists(path) ? Directory.GetFiles(path, "*.json") : [path];
            foreach (var file in files)
            {
                var text = Read(file, why => $"--mapping {file}: not a readable file or folder ({why}).");
                try
                {
                    FaultMapping.Parse(text, file);
                }
                catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException)
                {
                    var why = e.Message.StartsWith(file + ": ", StringComparison.Ordinal) ? e.Message[(file.Length + 2)..] : e.Message;
                    throw new ArgumentException($"--mapping {file}: {why.TrimEnd('.')}; see fixtures/mappings for the format.", e);
                }
            }
        }
    }

    private static string Read(string path, Func<string, string> error)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException(error(e.Message.TrimEnd('.')), e);
        }
    }
}
