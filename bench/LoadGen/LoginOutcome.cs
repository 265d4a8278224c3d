namespace PbenchAuthSpec.LoadGen;

/// <summary>A complete login: who asked, whom the access token names, the (spent) code and the refresh token.</summary>
public sealed record LoginOutcome(string User, string TokenUsername, string Subject, string Code, int Hops, string? RefreshToken);
