namespace PbenchAuthSpec.LoadGen;

/// <summary>One wrk run: <paramref name="Body"/> and <paramref name="Authorization"/> make it a form POST.</summary>
public sealed record WrkLoad(Uri Url, int Connections, TimeSpan Duration, string? Body = null, string? Authorization = null);
