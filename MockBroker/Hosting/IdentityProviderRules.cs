using PbenchAuthSpec.MockBroker.Fixtures;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>
/// What Keycloak refuses when an identity provider or one of its mappers is created (fixture load
/// and admin API alike): the first problem, in words that name the setting, or null.
/// </summary>
internal static class IdentityProviderRules
{
    public static string? Problem(IdentityProviderFixture idp)
    {
        var settings = new OidcProviderSettings(idp);
        if (idp.Alias.Length == 0 || !idp.Alias.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return $"alias '{idp.Alias}' must be letters, digits, '-', '_' or '.'";
        }

        if (idp.ProviderId is not ("oidc" or "keycloak-oidc"))
        {
            return $"providerId '{idp.ProviderId}' is not supported (oidc or keycloak-oidc)";
        }

        if (settings.Issuer is null && (settings.AuthorizationUrl is null || settings.TokenUrl is null))
        {
            return "config needs 'issuer' (its discovery supplies the endpoints) or both 'authorizationUrl' and 'tokenUrl'";
        }

        if (settings.ClientId.Length == 0)
        {
            return "config.clientId is empty";
        }

        if (!OidcProviderSettings.ClientAuthMethods.Contains(settings.ClientAuthMethod))
        {
            return $"config.clientAuthMethod '{settings.ClientAuthMethod}' must be one of {string.Join(", ", OidcProviderSettings.ClientAuthMethods)}";
        }

        // OAuth2IdentityProviderConfig.validate: "PKCE Method not supported".
        if (settings.PkceEnabled && settings.PkceMethod is not ("plain" or "S256"))
        {
            return $"config.pkceMethod '{settings.PkceMethod}' must be plain or S256 when pkceEnabled is true";
        }

        if (!OidcProviderSettings.SyncModes.Contains(settings.SyncMode))
        {
            return $"config.syncMode '{settings.SyncMode}' must be IMPORT, LEGACY or FORCE";
        }

        return settings.ValidateSignature && !settings.UseJwksUrl && settings.PublicKeySignatureVerifier is null
            ? "config.validateSignature is true but neither useJwksUrl nor publicKeySignatureVerifier says where the IdP's key is"
            : null;
    }

    public static string? Problem(IdentityProviderMapperFixture mapper, IReadOnlyCollection<string> aliases)
    {
        if (mapper.Name.Length == 0)
        {
            return "name is empty";
        }

        if (!aliases.Contains(mapper.IdentityProviderAlias))
        {
            return $"identityProviderAlias '{mapper.IdentityProviderAlias}' names no identity provider of the realm";
        }

        var role = mapper.Config.GetValueOrDefault("role");
        return mapper.IdentityProviderMapper switch
        {
            IdentityProviderMapperFixture.ClaimToRole when string.IsNullOrEmpty(mapper.Config.GetValueOrDefault("claim")) || string.IsNullOrEmpty(role)
                => "config needs 'claim' and 'role' (and 'claim.value')",
            IdentityProviderMapperFixture.HardcodedRole when string.IsNullOrEmpty(role) => "config needs 'role'",
            IdentityProviderMapperFixture.ClaimToRole or IdentityProviderMapperFixture.HardcodedRole => null,
            var other => $"identityProviderMapper '{other}' is not supported ({IdentityProviderMapperFixture.ClaimToRole} or {IdentityProviderMapperFixture.HardcodedRole})",
        };
    }
}
