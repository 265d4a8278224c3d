namespace PbenchAuthSpec.LoadGen;

/// <summary>One kind of malformed or hostile request; <see cref="Build"/> makes a fresh one.</summary>
public sealed record HostileCase(string Name, Func<HostileTarget, HttpRequestMessage> Build);
