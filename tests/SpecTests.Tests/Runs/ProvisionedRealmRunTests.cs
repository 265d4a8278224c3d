using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Engine;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.SpecTests.Tests.Runs;

/// <summary>
/// The realm of fixtures/broker.json made the Keycloak way instead, through the admin REST API
/// on a broker that starts without it, then walked by the spec: it must pass exactly as the
/// fixture realm does.
/// </summary>
[NonParallelizable]
public sealed class ProvisionedRealmRunTests
{
    [Test]
    public async Task A_realm_provisioned_through_the_admin_api_passes_the_spec_like_the_fixture_realm()
    {
        using var fixture = TempFixture.From(json => json["realms"]!.AsArray().Remove(TempFixture.Realm(json, "pbench-server")));
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { BrokerFixture = fixture.Path });
        await ProvisionAsync(stack);

        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(), EmbeddedTarget.At(stack.TargetUrl, stack.RealmUrl));

        report.Summary.RunVerdict.Should().Be("pass", report.Problems());
        report.Steps.Select(s => s.Step).Should().Equal(Enumerable.Range(1, 20));
        report.Steps.Should().OnlyContain(s => s.Verdict == Verdict.Pass, report.Verdicts());
    }

    // What an operator's script sends: the realm with its identity provider, the clients with
    // their audience mappers, the API's client role, the users and the admin's role mapping.
    private static async Task ProvisionAsync(StandInStack stack)
    {
        using var admin = await AdminClient.StartAsync(stack.Broker.BaseUrl);
        var target = stack.TargetUrl;
        var idp = stack.Urls.Get("idp");
        await admin.CreateAsync("/admin/realms", $$$"""
            {"realm":"pbench-server","enabled":true,"accessTokenLifespan":300,"ssoSessionIdleTimeout":1800,"ssoSessionMaxLifespan":36000,"accessCodeLifespan":60,"revokeRefreshToken":false,
             "identityProviders":[{"alias":"mockidp","displayName":"MockIdp","providerId":"oidc","enabled":true,
               "config":{"issuer":"{{{idp}}}","clientId":"pbench-broker","clientSecret":"pbench-broker-secret","clientAuthMethod":"client_secret_basic","defaultScope":"openid"}}],
             "identityProviderMappers":[{"name":"admin role","identityProviderAlias":"mockidp","identityProviderMapper":"oidc-role-idp-mapper",
               "config":{"claim":"preferred_username","claim.value":"admin","role":"pbench-server.ADMIN"}}]}
            """);
        const string Audience = """[{"name":"pbench-server audience","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper","config":{"included.custom.audience":"pbench-server","access.token.claim":"true"}}]""";
        await admin.CreateAsync("/admin/realms/pbench-server/clients", $$$"""
            {"clientId":"pbench-client","publicClient":true,"directAccessGrantsEnabled":true,"attributes":{"pkce.code.challenge.method":""},
             "redirectUris":["{{{target}}}/dashboard/*","{{{target}}}/dashboard-kc/*"],"webOrigins":["{{{target}}}"],"protocolMappers":{{{Audience}}}}
            """);
        await admin.CreateAsync("/admin/realms/pbench-server/clients", $$$"""
            {"clientId":"pbench-client-pkce","publicClient":true,"directAccessGrantsEnabled":false,"attributes":{"pkce.code.challenge.method":"S256"},
             "redirectUris":["{{{target}}}/dashboard/*","{{{target}}}/dashboard-kc/*"],"webOrigins":["+"],"protocolMappers":{{{Audience}}}}
            """);
        await admin.CreateAsync("/admin/realms/pbench-server/clients", $$$"""
            {"clientId":"pbench-automation","publicClient":false,"secret":"pbench-automation-secret","serviceAccountsEnabled":true,"directAccessGrantsEnabled":false,"protocolMappers":{{{Audience}}}}
            """);
        var api = await admin.CreateAsync("/admin/realms/pbench-server/clients", """{"clientId":"pbench-server","bearerOnly":true}""");
        await admin.CreateAsync($"/admin/realms/pbench-server/clients/{api}/roles", """{"name":"ADMIN"}""");
        await admin.CreateAsync("/admin/realms/pbench-server/users", """
            {"username":"bob","email":"bob@example.com","firstName":"Bob","lastName":"Baker","enabled":true,"emailVerified":true,"credentials":[{"type":"password","value":"bob-password","temporary":false}]}
            """);
        var adminUser = await admin.CreateAsync("/admin/realms/pbench-server/users", """
            {"username":"admin","email":"admin@example.com","firstName":"Ada","lastName":"Admin","enabled":true,"emailVerified":true,"credentials":[{"type":"password","value":"admin-password","temporary":false}]}
            """);
        await admin.NoContentAsync(HttpMethod.Post, $"/admin/realms/pbench-server/users/{adminUser}/role-mappings/clients/{api}", """[{"name":"ADMIN"}]""");
    }
}
