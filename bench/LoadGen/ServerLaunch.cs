namespace PbenchAuthSpec.LoadGen;

/// <summary>How to start one server process and the URL whose first 200 means "ready".</summary>
public sealed record ServerLaunch(string Name, string FileName, IReadOnlyList<string> Arguments, Uri ReadyUrl)
{
    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
