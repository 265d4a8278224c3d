using PbenchAuthSpec.MockBroker.State;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>
/// The outcome of checking an authorization request: valid; an error for the registered redirect
/// URI; or an error for the user only, when the client or redirect URI cannot be trusted.
/// </summary>
internal sealed record AuthorizationValidation
{
    public AuthorizationRequest? Request { get; init; }

    public string? Error { get; init; }

    public string? Description { get; init; }

    /// <summary>Where an error may be sent (a registered URI), with the mode and state to send it with.</summary>
    public string? RedirectUri { get; init; }

    public string ResponseMode { get; init; } = "query";

    /// <summary>The client an error goes to (the audience of a JWT-mode response).</summary>
    public string? ClientId { get; init; }

    public string? State { get; init; }

    public static AuthorizationValidation Valid(AuthorizationRequest request) => new() { Request = request };

    public static AuthorizationValidation PageError(string error, string description) => new() { Error = error, Description = description };
}
