using System.Text;
using PbenchAuthSpec.ReferenceServer.Auth;

namespace PbenchAuthSpec.ReferenceServer.Api;

/// <summary>
/// The answers to callers who may not proceed: 401 with an RFC 6750 challenge when there is no
/// acceptable user, 403 with <c>insufficient_scope</c> when the user lacks the right. Four
/// defects bend exactly these answers.
/// </summary>
internal sealed class AccessGate(DefectSet defects, string audience)
{
    /// <summary>For an endpoint that needs a user, called when the caller is not one.</summary>
    public IResult Challenge(Caller caller, string anonymousMessage) => caller.Kind switch
    {
        // RFC 6750 §3.1: invalid_request → 400.
        CallerKind.BadRequest => new MessageResult(StatusCodes.Status400BadRequest, caller.Reason, Header(BearerError("invalid_request", caller.Reason))),
        CallerKind.BrokerUnavailable => new MessageResult(StatusCodes.Status503ServiceUnavailable, $"Cannot check the bearer token: {caller.Reason}"),
        CallerKind.InvalidToken => InvalidToken(caller.Reason),
        _ => Unauthenticated(caller, anonymousMessage),
    };

    /// <summary>A malformed credential is refused even where anonymous callers are served.</summary>
    public IResult? RefuseMalformed(Caller caller) =>
        caller.Kind == CallerKind.BadRequest ? Challenge(caller, "") : null;

    // RFC 6750 §3.1: insufficient_scope → 403, with the challenge.
    public IResult Forbidden(string message)
    {
        var status = defects.Has(DefectNames.UnauthorizedForForbidden) ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
        return new MessageResult(status, message, Header(BearerError("insufficient_scope", message)));
    }

    // RFC 6750 §3.1: invalid_token → 401, with the challenge.
    private MessageResult InvalidToken(string reason)
    {
        var status = defects.Has(DefectNames.ForbiddenForInvalidToken) ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
        return new MessageResult(status, $"Invalid bearer token: {reason}", Header(BearerError("invalid_token", reason)));
    }

    // RFC 6750 §3.1: a request without authentication information gets a challenge without an error code.
    private MessageResult Unauthenticated(Caller caller, string message)
    {
        var text = caller.Reason == Caller.NoCredentials ? message : $"{message} ({caller.Reason})";
        return new MessageResult(StatusCodes.Status401Unauthorized, text, Header($"Bearer realm=\"{Quoted(audience)}\""));
    }

    // RFC 6750 §3: WWW-Authenticate MUST be sent with 401; the defect omits it everywhere.
    private string? Header(string challenge) => defects.Has(DefectNames.OmitWwwAuthenticate) ? null : challenge;

    private static string BearerError(string error, string description) =>
        $"Bearer error=\"{error}\", error_description=\"{Quoted(description)}\"";

    // RFC 6750 §3: error_description is %x20-21 / %x23-5B / %x5D-7E (no quote, no backslash).
    private static string Quoted(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, 200));
        foreach (var c in text.Length <= 200 ? text : text[..200])
        {
            builder.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '\'');
        }

        return builder.ToString();
    }
}
