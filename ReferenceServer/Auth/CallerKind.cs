namespace PbenchAuthSpec.ReferenceServer.Auth;

internal enum CallerKind
{
    /// <summary>No bearer credentials at all (RFC 6750 §3.1: answered without an error code).</summary>
    Anonymous,

    Authenticated,

    /// <summary>A bearer token was presented and refused (RFC 6750 §3.1 <c>invalid_token</c>).</summary>
    InvalidToken,

    /// <summary>A JWT was presented but the broker's keys could not be read to check it.</summary>
    BrokerUnavailable,

    /// <summary>The request's credentials are malformed as a request (RFC 6750 §3.1 <c>invalid_request</c>).</summary>
    BadRequest,
}
