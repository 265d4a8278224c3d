using PbenchAuthSpec.ReferenceServer.Data;

namespace PbenchAuthSpec.ReferenceServer.Auth;

/// <summary>
/// Decides who a request runs as. As Pbench does, the raw bearer string is first looked up as an
/// API key, then validated as a broker-issued JWT; the user is bound to its <c>sub</c>.
/// </summary>
internal sealed class Authenticator(TokenValidator validator, ServerStore store, UserRegistry users, ReferenceServerOptions options, DefectSet defects)
{
    private const string ItemKey = "PbenchAuthSpec.ReferenceServer.Caller";

    /// <summary>Once per request: handlers may ask more than once.</summary>
    public async Task<Caller> AuthenticateAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var cached) && cached is Caller known)
        {
            return known;
        }

        var caller = await ReadAsync(context);
        context.Items[ItemKey] = caller;
        return caller;
    }

    private async Task<Caller> ReadAsync(HttpContext context)
    {
        var (token, caller) = BearerHeader.Read(context.Request);
        if (token is null && caller!.Kind == CallerKind.Anonymous && defects.Has(DefectNames.TokenInQuery))
        {
            // The defect: RFC 6750 §2.3's URI query parameter, which leaks tokens into logs and Referer.
            token = context.Request.Query["access_token"].FirstOrDefault(t => !string.IsNullOrEmpty(t));
        }

        if (token is null)
        {
            return caller!;
        }

        if (store.FindKeyByValue(token) is { } apiKey)
        {
            return Caller.Authenticated(KeyUser(apiKey));
        }

        var check = await validator.ValidateAsync(token, context.RequestAborted);
        if (check.User is not { } user)
        {
            return check.BrokerUnavailable ? Caller.Unavailable(check.Problem!) : Caller.Invalid(check.Problem!);
        }

        return users.TryBind(user)
            ? Caller.Authenticated(user)
            : Caller.Invalid($"the username '{user.Username}' is already known under a different subject");
    }

    private PbenchUser KeyUser(ApiKey key) =>
        users.Latest(key.Username) is { } seen
            ? seen with { IsAdmin = seen.IsAdmin || options.AdminUsers.Contains(key.Username, StringComparer.Ordinal) }
            : new PbenchUser(key.Username, key.Username, [], options.AdminUsers.Contains(key.Username, StringComparer.Ordinal));
}
