using PbenchAuthSpec.MockBroker.Fixtures;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>
/// The start every client-authenticated POST of the realm shares (token, introspection,
/// revocation): the realm, the form, and the client that authenticated, with CORS for it.
/// </summary>
internal sealed record ClientRequest(Realm Realm, ClientFixture Client, ProtocolParameters Form)
{
    /// <summary>The request, or null after answering the refusal (400 form, 400/401 client; the realm group answers an unknown realm).</summary>
    public static async Task<ClientRequest?> ReadAsync(HttpContext http, BrokerCors cors, Realm realm)
    {
        var parse = await ProtocolParameters.FromFormAsync(http.Request);
        if (parse.Parameters is not { } form)
        {
            cors.ForRealm(http, realm);
            await BrokerHttp.ErrorAsync(http, "invalid_request", parse.Error!);
            return null;
        }

        var caller = ClientAuthentication.Authenticate(realm, http.Request, form);
        cors.ForClient(http, realm, caller.Client);
        if (caller.Client is not { } client)
        {
            // RFC 6749 §5.2: a failed client authentication is 401, with WWW-Authenticate when Basic was used.
            var status = caller.RefusalStatus;
            if (caller.UsedBasic && status == StatusCodes.Status401Unauthorized)
            {
                http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{realm.Name}\"";
            }

            await BrokerHttp.ErrorAsync(http, caller.Error!, caller.Description!, status);
            return null;
        }

        return new ClientRequest(realm, client, form);
    }
}
