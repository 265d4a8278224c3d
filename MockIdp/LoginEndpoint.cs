using System.Security.Cryptography;
using System.Text;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>MockIdp's login page: GET shows the form (or uses the session), POST checks the password.</summary>
internal sealed class LoginEndpoint(IdpRuntime runtime, SignInFlow flow) : SignInPage(flow, "login")
{
    protected override async Task ShowAsync(HttpContext context, LoginTransaction transaction)
    {
        if (transaction.Authenticated is not null)
        {
            await Flow.ContinueAsync(context, transaction);
            return;
        }

        // A current IdP session stands in for the password (Keycloak's SSO), unless prompt=login or max_age forbid it.
        if (Flow.SessionUser(context, transaction.Request) is { } session)
        {
            transaction.Authenticate(session.User, session.AuthTime);
            await Flow.ContinueAsync(context, transaction);
            return;
        }

        await ShowFormAsync(context, transaction, error: null, transaction.Request.LoginHint);
    }

    protected override async Task SubmitAsync(HttpContext context, LoginTransaction transaction, ProtocolParameters form)
    {
        if (transaction.Authenticated is not null)
        {
            await Flow.ContinueAsync(context, transaction);
            return;
        }

        var username = form["username"];
        if (Check(username, form["password"]) is not { } user)
        {
            await RefuseAsync(context, transaction, username);
            return;
        }

        var now = runtime.Now;
        runtime.Cookies.StartSession(context, user, now);
        transaction.Authenticate(user, now);
        await Flow.ContinueAsync(context, transaction);
    }

    private async Task RefuseAsync(HttpContext context, LoginTransaction transaction, string? username)
    {
        if (transaction.CountFailedLogin() >= SignInFlow.MaxFailedLogins)
        {
            await Flow.DeniedAsync(context, transaction, $"{SignInFlow.MaxFailedLogins} wrong passwords; the sign-in was ended.");
            return;
        }

        await ShowFormAsync(context, transaction, "Invalid username or password.", username);
    }

    private IdpUser? Check(string? username, string? password)
    {
        if (username is null || password is null || !runtime.Configuration.Users.TryGetValue(username, out var user))
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(user.Password)) ? user : null;
    }

    private static Task ShowFormAsync(HttpContext context, LoginTransaction transaction, string? error, string? username) =>
        IdpPages.WriteAsync(context, IdpPages.Login(transaction, error, username), StatusCodes.Status200OK);
}
