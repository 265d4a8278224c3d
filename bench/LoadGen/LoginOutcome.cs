namespace PbenchAuthSpec.LoadGen;

/// <summary>A complete login: who asked, whom the access token names, and the (spent) code.</summary>
public sealed record LoginOutcome(string User, string TokenUsername, string Subject, string Code, int Hops);
