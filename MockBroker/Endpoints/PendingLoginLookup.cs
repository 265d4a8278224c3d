using System.Security.Cryptography;
using System.Text;
using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.State;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>
/// Finds the login in progress a form post or IdP button belongs to. It must be alive, for the
/// same client, carry its one-off session code, and come from the browser holding its
/// <c>AUTH_SESSION_ID</c> cookie (login CSRF, RFC 6749 §10.12).
/// </summary>
internal static class PendingLoginLookup
{
    public static PendingLogin? Find(Realm realm, HttpRequest request, ProtocolParameters query, out string problem)
    {
        problem = "";
        if (query["tab_id"] is not { } tabId || query["session_code"] is not { } sessionCode || query["client_id"] is not { } clientId)
        {
            problem = "Missing parameters: client_id, tab_id and session_code are required.";
            return null;
        }

        if (!realm.PendingLogins.TryGet(tabId, out var pending))
        {
            problem = "Your login attempt timed out. Login will start from the beginning.";
            return null;
        }

        if (pending.Request.ClientId != clientId || !SameText(pending.SessionCode, sessionCode))
        {
            problem = "Invalid login session: the link does not belong to this login.";
            return null;
        }

        if (!SameText(pending.RootSessionId, BrokerCookies.Read(request, BrokerCookies.AuthSession)))
        {
            problem = "Cookie not found. Please make sure cookies are enabled in your browser.";
            return null;
        }

        return pending;
    }

    public static bool SameText(string expected, string? actual) =>
        actual is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
