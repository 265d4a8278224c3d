namespace PbenchAuthSpec.ReferenceServer.Auth;

/// <summary>The outcome of validating a JWT: the user it names, or why it was refused.</summary>
internal sealed record TokenCheck(PbenchUser? User, string? Problem, bool BrokerUnavailable)
{
    public static TokenCheck Valid(PbenchUser user) => new(user, null, false);

    public static TokenCheck Invalid(string problem) => new(null, problem, false);

    public static TokenCheck Unavailable(string problem) => new(null, problem, true);
}
