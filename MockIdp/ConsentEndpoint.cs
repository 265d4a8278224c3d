using Microsoft.AspNetCore.Http;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>The consent page, shown once per user and client (or on prompt=consent); the answer is remembered.</summary>
internal sealed class ConsentEndpoint(IdpRuntime runtime, SignInFlow flow)
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
            await IdpResponses.ShowErrorAsync(context, "invalid_request", $"malformed consent page request: {parse.Error}.");
            return;
        }

        if (await FindAuthenticatedAsync(context, p["tx"]) is not { } found)
        {
            return;
        }

        var (transaction, user) = found;
        await IdpPages.WriteAsync(context, IdpPages.Consent(transaction, user), StatusCodes.Status200OK);
    }

    private async Task SubmitAsync(HttpContext context)
    {
        var parse = await ProtocolParameters.FromFormAsync(context.Request);
        if (parse.Parameters is not { } form)
        {
            await IdpResponses.ShowErrorAsync(context, "invalid_request", $"malformed consent form: {parse.Error}.");
            return;
        }

        if (await FindAuthenticatedAsync(context, form["tx"]) is not { } found)
        {
            return;
        }

        switch (form["decision"])
        {
            case "allow":
                await flow.ConsentedAsync(context, found.Transaction);
                break;
            case "deny":
                await flow.DeniedAsync(context, found.Transaction, "the user denied the client access.");
                break;
            default:
                await IdpResponses.ShowErrorAsync(context, "invalid_request", "decision must be allow or deny.");
                break;
        }
    }

    // Consent only follows a successful login: a transaction that has not authenticated goes back to the login page.
    private async Task<(LoginTransaction Transaction, IdpUser User)?> FindAuthenticatedAsync(HttpContext context, string? id)
    {
        if (await flow.FindAsync(context, id) is not { } transaction)
        {
            return null;
        }

        if (transaction.Authenticated is not { } authenticated)
        {
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = runtime.Issuer + IdpEndpoints.LoginPage(transaction.Id);
            return null;
        }

        return (transaction, authenticated.User);
    }
}
