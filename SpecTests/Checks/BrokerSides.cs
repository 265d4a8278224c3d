namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// Fix texts for a broker the target and the broker disagree on, derived from the values seen on
/// each side: what the target trusts (its configuration, the run's --broker) and what the broker
/// announces (its discovery document). They say which side to change, to what.
/// </summary>
public static class BrokerSides
{
    private const string AuthPath = "/protocol/openid-connect/auth";

    /// <summary>Discovery's issuer differs from the realm URL the target trusts.</summary>
    public static string IssuerFix(BrokerFacts broker)
    {
        ArgumentNullException.ThrowIfNull(broker);
        if (broker.DiscoveredIssuer is not { } announced)
        {
            return $"the broker's discovery document ({broker.RealmUrl}/.well-known/openid-configuration) names no issuer: serve one whose issuer is {broker.RealmUrl}";
        }

        return Disagree(broker.RealmUrl, announced);
    }

    /// <summary>The target sends browsers to another authorization endpoint than the broker announces.</summary>
    public static string AuthUriFix(string targetAuthUri, BrokerFacts broker)
    {
        ArgumentNullException.ThrowIfNull(targetAuthUri);
        ArgumentNullException.ThrowIfNull(broker);
        var targetRealm = targetAuthUri.EndsWith(AuthPath, StringComparison.OrdinalIgnoreCase) ? targetAuthUri[..^AuthPath.Length] : null;
        if (targetRealm is not null && string.Equals(targetRealm, broker.RealmUrl, StringComparison.OrdinalIgnoreCase)
            && broker.AuthorizationEndpoint.EndsWith(AuthPath, StringComparison.OrdinalIgnoreCase))
        {
            // The target names the realm it was said to trust; the broker calls itself something else.
            return Disagree(broker.RealmUrl, broker.AuthorizationEndpoint[..^AuthPath.Length]);
        }

        var uses = targetRealm is null ? "" : $", or run with --broker {targetRealm} if that is the realm it really trusts";
        return $"the target sends browsers to {targetAuthUri}, not to the realm given as --broker ({broker.RealmUrl}): set the target's [openid] server_url to {broker.BaseUrl} and realm to {broker.Realm}{uses}";
    }

    private static string Disagree(string trusted, string announced)
    {
        var trustedBase = BaseOf(trusted);
        var announcedBase = BaseOf(announced);
        return trustedBase is not null && announcedBase is not null && !string.Equals(trustedBase, announcedBase, StringComparison.OrdinalIgnoreCase)
            ? $"the target trusts {trustedBase} but the broker announces {announcedBase}: set the broker's frontend URL (Keycloak: the realm's Frontend URL, or KC_HOSTNAME) to {trustedBase}, or set the target's [openid] server_url to {announcedBase} (and run with --broker {announced})"
            : $"the target trusts {trusted} but the broker announces {announced}: make the realm's issuer {trusted} (Keycloak: the realm's Frontend URL), or point the target's [openid] server_url and realm at {announced} (and run with --broker {announced})";
    }

    // {server} of {server}/realms/{realm}.
    private static string? BaseOf(string realmUrl)
    {
        var at = realmUrl.LastIndexOf("/realms/", StringComparison.Ordinal);
        return at > 0 ? realmUrl[..at] : null;
    }
}
