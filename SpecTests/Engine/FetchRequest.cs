namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>A request the harness makes from inside the browser page (so it has the page's origin).</summary>
public sealed record FetchRequest(string Method, string Url, IReadOnlyDictionary<string, string> Headers, string? Body = null);
