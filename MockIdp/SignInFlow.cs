namespace PbenchAuthSpec.MockIdp;

/// <summary>
/// The steps between a valid authorization request and the redirect back to the client:
/// login transaction, password or session, consent, code.
/// </summary>
internal sealed class SignInFlow(IdpRuntime runtime, AuthorizationResponder responder)
{
    /// <summary>After this many wrong passwords the sign-in ends with access_denied.</summary>
    public const int MaxFailedLogins = 10;

    // Issue 2 / SPEC step 6: a valid request is answered 303 to MockIdp's own login page, carrying
    // only the login transaction id; the request itself stays on the server.
    public Task BeginAsync(HttpContext context, AuthorizationRequest request)
    {
        var now = runtime.Now;
        var transaction = new LoginTransaction(IdpCookies.NewId(), IdpCookies.EnsureBrowserId(context), request);
        runtime.Transactions.Add(transaction.Id, transaction, now + runtime.Configuration.LoginLifetime, now);
        return RedirectHereAsync(context, IdpEndpoints.LoginPage(transaction.Id));
    }

    // OIDC Core §3.1.2.1 prompt=none: no page may be shown; a code at once from a current session
    // whose consent is remembered, otherwise login_required or consent_required (OIDC Core §3.1.2.6).
    public Task SilentAsync(HttpContext context, AuthorizationRequest request)
    {
        if (SessionUser(context, request) is not { } session)
        {
            return responder.ErrorAsync(context, request, "login_required", "prompt=none, and this browser has no current MockIdp session.");
        }

        return NeedsConsent(request, session.User)
            ? responder.ErrorAsync(context, request, "consent_required", "prompt=none, and the user has not consented to this client yet.")
            : responder.SuccessAsync(context, request, IssueCode(request, session.User, session.AuthTime));
    }

    /// <summary>The session user when the session may stand in for a password.</summary>
    public (IdpUser User, DateTimeOffset AuthTime)? SessionUser(HttpContext context, AuthorizationRequest request)
    {
        // OIDC Core §3.1.2.1: prompt=login asks for the password again whatever the session.
        if (request.Prompt.HasFlag(Prompt.Login) || runtime.Cookies.ReadSession(context, runtime.Now) is not { } session
            || !runtime.Configuration.Users.TryGetValue(session.Username, out var user))
        {
            return null;
        }

        // OIDC Core §3.1.2.1 max_age: an older authentication must be repeated.
        return request.MaxAgeSeconds is { } maxAge && (runtime.Now - session.AuthTime).TotalSeconds > maxAge
            ? null
            : (user, session.AuthTime);
    }

    public Task ContinueAsync(HttpContext context, LoginTransaction transaction)
    {
        var (user, authTime) = transaction.Authenticated ?? throw new InvalidOperationException("sign-in continued before authentication.");
        return NeedsConsent(transaction.Request, user)
            ? RedirectHereAsync(context, IdpEndpoints.ConsentPage(transaction.Id))
            : CompleteAsync(context, transaction, user, authTime);
    }

    public Task ConsentedAsync(HttpContext context, LoginTransaction transaction)
    {
        var (user, authTime) = transaction.Authenticated ?? throw new InvalidOperationException("consent before authentication.");
        runtime.RememberConsent(user.Username, transaction.Request.Client.ClientId);
        return CompleteAsync(context, transaction, user, authTime);
    }

    // RFC 6749 §4.1.2.1: the resource owner denied the request.
    public Task DeniedAsync(HttpContext context, LoginTransaction transaction, string description) =>
        runtime.Transactions.Remove(transaction.Id) is null
            ? AlreadyFinishedAsync(context)
            : responder.ErrorAsync(context, transaction.Request, "access_denied", description);

    public bool NeedsConsent(AuthorizationRequest request, IdpUser user) =>
        request.Prompt.HasFlag(Prompt.Consent) || !runtime.HasConsent(user.Username, request.Client.ClientId);

    /// <summary>The transaction a login or consent page belongs to, for the browser that started it only; otherwise the error is shown.</summary>
    public async Task<LoginTransaction?> FindAsync(HttpContext context, string? id)
    {
        if (id is null)
        {
            await IdpResponses.ShowErrorAsync(context, "invalid_request", "tx (the sign-in id) is missing; start the sign-in at the client.");
            return null;
        }

        if (runtime.Transactions.Get(id, runtime.Now) is not { } transaction)
        {
            var minutes = runtime.Configuration.LoginLifetime.TotalMinutes;
            await IdpResponses.ShowErrorAsync(context, "invalid_request", $"this sign-in is unknown, finished or older than {minutes:0.#} minutes; start again at the client.");
            return null;
        }

        // CSRF: the form's transaction id only counts together with the cookie of the browser that started it.
        if (!string.Equals(IdpCookies.BrowserId(context), transaction.BrowserId, StringComparison.Ordinal))
        {
            await IdpResponses.ShowErrorAsync(context, "invalid_request", $"this sign-in was started in another browser (cookie {IdpCookies.BrowserCookie} missing or different); start again at the client.");
            return null;
        }

        return transaction;
    }

    // RFC 6749 §4.1.2 / §10.5: a code is short-lived and bound to the client, redirect URI and PKCE challenge.
    private string IssueCode(AuthorizationRequest request, IdpUser user, DateTimeOffset authTime)
    {
        var now = runtime.Now;
        var lifetime = runtime.Configuration.CodeLifetime;
        var code = IdpCookies.NewId();
        runtime.Codes.Add(code, new CodeGrant(request, user, authTime, now + lifetime), now + lifetime + lifetime, now);
        return code;
    }

    private Task CompleteAsync(HttpContext context, LoginTransaction transaction, IdpUser user, DateTimeOffset authTime) =>
        runtime.Transactions.Remove(transaction.Id) is null
            ? AlreadyFinishedAsync(context)
            : responder.SuccessAsync(context, transaction.Request, IssueCode(transaction.Request, user, authTime));

    private static Task AlreadyFinishedAsync(HttpContext context) =>
        IdpResponses.ShowErrorAsync(context, "invalid_request", "this sign-in has already finished; start again at the client.");

    private Task RedirectHereAsync(HttpContext context, string pathAndQuery)
    {
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = runtime.Issuer + pathAndQuery;
        context.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
