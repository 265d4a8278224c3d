using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>Token endpoint client authentication: client_secret_basic or client_secret_post (RFC 6749 §2.3.1).</summary>
internal static class ClientAuthentication
{
    /// <summary>The authenticated client, or the error to answer with.</summary>
    public static (RegisteredClient? Client, IResult? Failure) Authenticate(HttpRequest request, ProtocolParameters form, IdpConfiguration configuration)
    {
        var header = request.Headers.Authorization;
        if (header.Count > 1)
        {
            return (null, OAuthError.InvalidRequest("more than one Authorization header."));
        }

        var viaBasic = header.Count == 1;
        string clientId;
        string secret;
        if (viaBasic)
        {
            if (ReadBasic(header[0] ?? "", out clientId, out secret) is { } malformed)
            {
                return (null, malformed);
            }

            if (OneMethodOnly(form, clientId) is { } twice)
            {
                return (null, twice);
            }
        }
        else if (form["client_id"] is not { } postedId || form["client_secret"] is not { } postedSecret)
        {
            return (null, OAuthError.InvalidClient("no client authentication: send client_secret_basic (Authorization: Basic) or client_secret_post (client_id and client_secret in the body).", usedBasic: true));
        }
        else
        {
            (clientId, secret) = (postedId, postedSecret);
        }

        return Verify(configuration, clientId, secret, viaBasic);
    }

    // RFC 6749 §2.3: a client MUST NOT use more than one authentication method in a request.
    private static IResult? OneMethodOnly(ProtocolParameters form, string basicClientId)
    {
        if (form.Has("client_secret"))
        {
            return OAuthError.InvalidRequest("the client authenticated twice (client_secret_basic and client_secret_post); use one method (RFC 6749 §2.3).");
        }

        return form["client_id"] is { } postedId && !string.Equals(postedId, basicClientId, StringComparison.Ordinal)
            ? OAuthError.InvalidRequest("client_id in the body differs from the one in the Basic credentials.")
            : null;
    }

    // RFC 6749 §5.2: unknown client or wrong secret is invalid_client, 401.
    private static (RegisteredClient?, IResult?) Verify(IdpConfiguration configuration, string clientId, string secret, bool viaBasic)
    {
        if (!configuration.Clients.TryGetValue(clientId, out var client))
        {
            return (null, OAuthError.InvalidClient($"client '{ProtocolText.Trim(clientId)}' is not registered at MockIdp.", viaBasic));
        }

        return client.SecretMatches(secret)
            ? (client, null)
            : (null, OAuthError.InvalidClient($"wrong client secret for client '{ProtocolText.Trim(clientId)}'.", viaBasic));
    }

    // RFC 6749 §2.3.1 / RFC 7617 §2, with the strictness BasicCredentials documents.
    private static IResult? ReadBasic(string header, out string clientId, out string secret)
    {
        var credentials = BasicCredentials.Parse(header, out var problem);
        (clientId, secret) = credentials is null ? ("", "") : (credentials.ClientId, credentials.ClientSecret);
        return credentials is null ? Malformed(problem!) : null;
    }

    private static IResult Malformed(string description) => OAuthError.InvalidClient(description, usedBasic: true);
}
