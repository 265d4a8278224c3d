using PbenchAuthSpec.MockBroker.Hosting;
using PbenchAuthSpec.MockBroker.Pages;
using PbenchAuthSpec.MockBroker.State;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockBroker.Endpoints;

/// <summary>The local username/password form of the login page (<c>…/login-actions/authenticate</c>).</summary>
internal sealed class LoginActionsEndpoint(LoginFinisher finisher)
{
    public void Map(IEndpointRouteBuilder realms) =>
        realms.MapPost(RealmRoutes.LoginActions, (HttpContext http) => HandleAsync(http, RealmRoutes.Of(http)));

    private async Task HandleAsync(HttpContext http, Realm realm)
    {
        var query = ProtocolParameters.FromQuery(http.Request);
        var form = await ProtocolParameters.FromFormAsync(http.Request);
        if (query.Parameters is null || form.Parameters is null)
        {
            await BrokerHttp.ErrorPageAsync(http, "invalid_request", query.Error ?? form.Error!);
            return;
        }

        if (PendingLoginLookup.Find(realm, http.Request, query.Parameters, out var problem) is not { } pending)
        {
            await BrokerHttp.ErrorPageAsync(http, "invalid_request", problem);
            return;
        }

        var user = Authenticate(realm, form.Parameters["username"], form.Parameters["password"], out var error);
        if (user is null)
        {
            // Keycloak shows the form again with the error; the login stays pending.
            await BrokerHttp.HtmlAsync(http, HtmlPages.Login(AuthorizationEndpoint.LoginPage(realm, pending, error) with { Username = form.Parameters["username"] }));
            return;
        }

        if (!realm.PendingLogins.TryTake(pending.TabId, out _))
        {
            await BrokerHttp.ErrorPageAsync(http, "invalid_request", "Your login attempt timed out. Login will start from the beginning.");
            return;
        }

        var session = realm.Sessions.Create(user.Id, identityProvider: null, realm.Lifetimes.SessionMax);
        await finisher.SucceedAsync(http, realm, pending.Request, session, acr: "1");
    }

    /// <summary>A local user by username or email whose password matches; Keycloak's messages otherwise.</summary>
    public static BrokerUser? Authenticate(Realm realm, string? username, string? password, out string error)
    {
        error = "Invalid username or password.";
        if (username is null || password is null)
        {
            return null;
        }

        var user = realm.Users.ByUsername(username) ?? realm.Users.ByEmail(username);
        if (user?.Password is null || !PendingLoginLookup.SameText(user.Password, password))
        {
            return null;
        }

        if (!user.Enabled)
        {
            error = "Account is disabled, contact your administrator.";
            return null;
        }

        return user;
    }
}
