namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// One kind of malformed or hostile request; <see cref="Build"/> makes a fresh one.
/// <see cref="MayClose"/>: the server may answer and close the connection before the client has
/// sent all of it (an oversized body), which the client sees as a failed send, not as a hang.
/// <see cref="Expect"/>: the one status a security rule demands (415, 403, 421); otherwise any
/// answer below 500 will do.
/// </summary>
public sealed record HostileCase(string Name, Func<HostileTarget, HttpRequestMessage> Build)
{
    public bool MayClose { get; init; }

    public int? Expect { get; init; }
}
