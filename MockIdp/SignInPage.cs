using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.MockIdp;

/// <summary>
/// What the login and consent pages share: GET shows the page, POST submits its form, anything
/// else is a 405; the parameters (query or form) are parsed strictly and their <c>tx</c> names the
/// sign-in transaction, which <see cref="SignInFlow.FindAsync"/> only gives to the browser that started it.
/// </summary>
internal abstract class SignInPage(SignInFlow flow, string page)
{
    protected SignInFlow Flow => flow;

    public Task HandleAsync(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) ? ShowAsync(context)
        : HttpMethods.IsPost(context.Request.Method) ? SubmitAsync(context)
        : IdpResponses.MethodNotAllowedAsync(context, "GET, POST");

    /// <summary>GET: the page for this transaction.</summary>
    protected abstract Task ShowAsync(HttpContext context, LoginTransaction transaction);

    /// <summary>POST: the submitted form of this transaction.</summary>
    protected abstract Task SubmitAsync(HttpContext context, LoginTransaction transaction, ProtocolParameters form);

    private async Task ShowAsync(HttpContext context)
    {
        if (await FindAsync(context, ProtocolParameters.FromQuery(context.Request), "page request") is { } found)
        {
            await ShowAsync(context, found.Transaction);
        }
    }

    private async Task SubmitAsync(HttpContext context)
    {
        if (await FindAsync(context, await ProtocolParameters.FromFormAsync(context.Request), "form") is { } found)
        {
            await SubmitAsync(context, found.Transaction, found.Parameters);
        }
    }

    private async Task<(LoginTransaction Transaction, ProtocolParameters Parameters)?> FindAsync(HttpContext context, ParameterParse parse, string what)
    {
        if (parse.Parameters is not { } parameters)
        {
            await IdpResponses.ShowErrorAsync(context, "invalid_request", $"malformed {page} {what}: {parse.Error}.");
            return null;
        }

        return await flow.FindAsync(context, parameters["tx"]) is { } transaction ? (transaction, parameters) : null;
    }
}
