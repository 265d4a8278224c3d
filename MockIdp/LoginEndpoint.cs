using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>MockIdp's login page: GET shows the form (or uses the session), POST checks the password.</summary>
internal sealed class LoginEndpoint(IdpRuntime runtime, SignInFlow flow)
{
    public Task HandleAsync(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) ? ShowAsync(context)
        : HttpMethods.IsPost(context.Request.Method) ? SubmitAsync(context)
        : IdpResponses.MethodNotAllowedAsync(context, "GET, POST");

    private async Task ShowAsync(HttpContext context)
    {
        var parse = ProtocolParameters.FromQuery(context.Request);
        if (parse.Parameters is not { } p)
        {
            await IdpResponses.ShowErrorAsync(context, "invalid_request", $"malformed login page request: {parse.Error}.");
            return;
        }

        if (await flow.FindAsync(context, p["tx"]) is not { } transaction)
        {
            return;
        }

        if (transaction.Authenticated is not null)
        {
            await flow.ContinueAsync(context, transaction);
            return;
        }

        // A current IdP session stands in for the password (Keycloak's SSO), unless prompt=login or max_age forbid it.
        if (flow.SessionUser(context, transaction.Request) is { } session)
        {
            transaction.Authenticate(session.User, session.AuthTime);
            await flow.ContinueAsync(context, transaction);
            return;
        }

        await ShowFormAsync(context, transaction, error: null, transaction.Request.LoginHint);
    }

    private async Task SubmitAsync(HttpContext context)
    {
        var parse = await ProtocolParameters.FromFormAsync(context.Request);
        if (parse.Parameters is not { } form)
        {
            await IdpResponses.ShowErrorAsync(context, "invalid_request", $"malformed login form: {parse.Error}.");
            return;
        }

        if (await flow.FindAsync(context, form["tx"]) is not { } transaction)
        {
            return;
        }

        if (transaction.Authenticated is not null)
        {
            await flow.ContinueAsync(context, transaction);
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
        await flow.ContinueAsync(context, transaction);
    }

    private async Task RefuseAsync(HttpContext context, LoginTransaction transaction, string? username)
    {
        if (transaction.CountFailedLogin() >= SignInFlow.MaxFailedLogins)
        {
            await flow.DeniedAsync(context, transaction, $"{SignInFlow.MaxFailedLogins} wrong passwords; the sign-in was ended.");
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
