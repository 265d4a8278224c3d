namespace PbenchAuthSpec.ReferenceServer.Auth;

/// <summary>Who is calling: the outcome of reading and checking the request's credentials.</summary>
internal sealed record Caller(CallerKind Kind, PbenchUser? User, string Reason)
{
    public const string NoCredentials = "no bearer token";

    public static Caller Anonymous(string reason = NoCredentials) => new(CallerKind.Anonymous, null, reason);

    public static Caller Authenticated(PbenchUser user) => new(CallerKind.Authenticated, user, "");

    public static Caller Invalid(string reason) => new(CallerKind.InvalidToken, null, reason);

    public static Caller Unavailable(string reason) => new(CallerKind.BrokerUnavailable, null, reason);

    public static Caller BadRequest(string reason) => new(CallerKind.BadRequest, null, reason);
}
