namespace PbenchAuthSpec.MockBroker.Tokens;

/// <summary>A token this broker issued, verified; or why it was refused.</summary>
internal sealed record TokenCheck(ParsedJwt? Jwt, string? Error)
{
    public static TokenCheck Fail(string error) => new(null, error);
}
