using PbenchAuthSpec.MockBroker.Tokens;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>A grant's decision: tokens to issue, or an RFC 6749 §5.2 error.</summary>
internal sealed record GrantResult(TokenGrant? Grant, string? Error, string? Description, int Status = StatusCodes.Status400BadRequest)
{
    public static GrantResult Ok(TokenGrant grant) => new(grant, null, null);

    public static GrantResult Fail(string error, string description, int status = StatusCodes.Status400BadRequest) => new(null, error, description, status);
}
