using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>
/// Key providers as Keycloak's components: the highest-priority active key signs, every enabled
/// key is published and verifies, deleting the component drops the key. Keycloak:
/// services/src/main/java/org/keycloak/keys/DefaultKeyManager.java and services/resources/admin/KeyResource.java.
/// </summary>
public sealed class KeyComponentTests
{
    private const string Components = "/admin/realms/pbench-server/components";

    [Test]
    public async Task A_higher_priority_key_signs_the_old_one_still_verifies_and_deleting_it_drops_it()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        var before = await TokenEndpointTests.Password(stack, "bob", "bob-password");
        var oldKid = Jwt.Header(before["access_token"]!.GetValue<string>())["kid"]!.GetValue<string>();

        var id = await admin.CreateAsync(Components, """{"name":"next","providerId":"rsa-generated","providerType":"org.keycloak.keys.KeyProvider","config":{"priority":["200"]}}""");
        var after = await TokenEndpointTests.Password(stack, "bob", "bob-password");
        var newKid = Jwt.Header(after["access_token"]!.GetValue<string>())["kid"]!.GetValue<string>();
        var published = await KidsAsync(stack);
        var keys = await admin.GetAsync<JsonObject>("/admin/realms/pbench-server/keys");
        var oldStillWorks = await UserinfoAsync(stack, before);
        var listed = await admin.GetAsync<JsonArray>($"{Components}?type=org.keycloak.keys.KeyProvider");
        var fixtureKey = listed.Single(c => c!["id"]!.GetValue<string>() != id)!["id"]!.GetValue<string>();
        await admin.NoContentAsync(HttpMethod.Delete, $"{Components}/{fixtureKey}");
        var remaining = await KidsAsync(stack);
        var oldAfterDelete = await UserinfoAsync(stack, before);

        newKid.Should().NotBe(oldKid);
        published.Should().Equal(newKid, oldKid);
        keys["active"]!["RS256"]!.GetValue<string>().Should().Be(newKid);
        keys["keys"]!.AsArray().Where(k => k!["algorithm"]!.GetValue<string>() == "RS256").Select(k => k!["status"]!.GetValue<string>()).Should().Equal("ACTIVE", "ACTIVE");
        oldStillWorks.StatusCode.Should().Be(HttpStatusCode.OK);
        listed.Should().HaveCount(2);
        remaining.Should().Equal(newKid);
        oldAfterDelete.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        stack.Broker.SigningKey().Kid.Should().Be(newKid);
    }

    [Test]
    public async Task A_passive_key_is_published_but_never_signs_and_a_disabled_one_is_not_published()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);

        await admin.CreateAsync(Components, """{"name":"passive","providerId":"rsa-generated","providerType":"org.keycloak.keys.KeyProvider","config":{"priority":["500"],"active":["false"]}}""");
        await admin.CreateAsync(Components, """{"name":"off","providerId":"rsa-generated","providerType":"org.keycloak.keys.KeyProvider","config":{"priority":["600"],"enabled":["false"]}}""");
        var kid = Jwt.Header((await TokenEndpointTests.Password(stack, "bob", "bob-password"))["access_token"]!.GetValue<string>())["kid"]!.GetValue<string>();
        var published = await KidsAsync(stack);
        var statuses = (await admin.GetAsync<JsonObject>("/admin/realms/pbench-server/keys"))["keys"]!.AsArray()
            .Where(k => k!["algorithm"]!.GetValue<string>() == "RS256").Select(k => k!["status"]!.GetValue<string>()).ToList();

        kid.Should().Be(stack.Broker.SigningKey().Kid).And.Be(published[1], "the fixture key still signs");
        published.Should().HaveCount(2, "the passive key is published, the disabled one is not");
        statuses.Should().BeEquivalentTo(["ACTIVE", "PASSIVE", "DISABLED"]);
    }

    [Test]
    public async Task Restoring_drops_the_rotation_hooks_keys_and_keeps_the_admins()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);
        var original = stack.Broker.SigningKey().Kid;
        stack.Broker.RotateSigningKey();
        var rotated = stack.Broker.SigningKey().Kid;
        await admin.CreateAsync(Components, """{"name":"spare","providerId":"rsa-generated","providerType":"org.keycloak.keys.KeyProvider","config":{"priority":["50"]}}""");

        var restored = stack.Broker.RestoreSigningKey();
        var again = stack.Broker.RestoreSigningKey();
        var published = await KidsAsync(stack);

        restored.Should().BeTrue();
        again.Should().BeFalse("nothing is rotated any more");
        stack.Broker.SigningKey().Kid.Should().Be(original);
        published.Should().HaveCount(2).And.Contain(original).And.NotContain(rotated);
        stack.Clock.Advance(TimeSpan.FromHours(2));
        (await KidsAsync(stack)).Should().Contain(original, "the restored key no longer retires");
    }

    [TestCase("""{"name":"x","providerId":"hmac-generated","providerType":"org.keycloak.keys.KeyProvider"}""")]
    [TestCase("""{"name":"x","providerId":"rsa-generated","providerType":"org.keycloak.keys.KeyProvider","config":{"priority":["high"]}}""")]
    [TestCase("""{"name":"x","providerId":"rsa","providerType":"org.keycloak.keys.KeyProvider","config":{"privateKey":["not a key"]}}""")]
    public async Task Unusable_key_components_are_refused_with_400(string body)
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var admin = await AdminClient.StartAsync(stack);

        var response = await admin.SendJsonAsync(HttpMethod.Post, Components, body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await KidsAsync(stack)).Should().ContainSingle();
    }

    // Keycloak's JWKBuilder.rsa: the certificate chain and thumbprints with each key.
    [Test]
    public async Task Each_published_key_carries_its_certificate_as_x5c_with_thumbprints()
    {
        await using var stack = await BrokerTestStack.StartAsync();
        using var http = new HttpClient();

        var key = (await http.GetFromJsonAsync<JsonObject>($"{stack.RealmUrl}/protocol/openid-connect/certs"))!["keys"]![0]!;
        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(key["x5c"]![0]!.GetValue<string>()));

        certificate.Subject.Should().Be("CN=pbench-server");
        certificate.GetRSAPublicKey()!.ExportParameters(false).Modulus.Should().Equal(stack.Broker.SigningKey().Rsa.ExportParameters(false).Modulus);
        key["x5t#S256"]!.GetValue<string>().Should().Be(System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData(certificate.RawData)));
        key["x5t"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    private static async Task<List<string>> KidsAsync(BrokerTestStack stack)
    {
        using var http = new HttpClient();
        return (await http.GetFromJsonAsync<JsonObject>($"{stack.RealmUrl}/protocol/openid-connect/certs"))!["keys"]!.AsArray().Select(k => k!["kid"]!.GetValue<string>()).ToList();
    }

    private static async Task<HttpResponseMessage> UserinfoAsync(BrokerTestStack stack, JsonObject tokens)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens["access_token"]!.GetValue<string>());
        return await http.GetAsync(new Uri($"{stack.RealmUrl}/protocol/openid-connect/userinfo"));
    }
}
