using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>The consent page, shown once per user and client (or on prompt=consent); the answer is remembered.</summary>
internal sealed class ConsentEndpoint(IdpRuntime runtime, SignInFlow flow) : SignInPage(flow, "consent")
{
    protected override async Task ShowAsync(HttpContext context, LoginTransaction transaction)
    {
        if (Authenticated(context, transaction) is { } user)
        {
            await IdpPages.WriteAsync(context, IdpPages.Consent(transaction, user), StatusCodes.Status200OK);
        }
    }

    protected override async Task SubmitAsync(HttpContext context, LoginTransaction transaction, ProtocolParameters form)
    {
        if (Authenticated(context, transaction) is null)
        {
            return;
        }

        switch (form["decision"])
        {
            case "allow":
                await Flow.ConsentedAsync(context, transaction);
                break;
            case "deny":
                await Flow.DeniedAsync(context, transaction, "the user denied the client access.");
                break;
            default:
                await IdpResponses.ShowErrorAsync(context, "invalid_request", "decision must be allow or deny.");
                break;
        }
    }

    // Consent only follows a successful login: a transaction that has not authenticated goes back to the login page.
    private IdpUser? Authenticated(HttpContext context, LoginTransaction transaction)
    {
        if (transaction.Authenticated is { } authenticated)
        {
            return authenticated.User;
        }

        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = runtime.Issuer + IdpEndpoints.LoginPage(transaction.Id);
        return null;
    }
}
