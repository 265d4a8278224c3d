using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.ReferenceServer.Tests.Support;

namespace PbenchAuthSpec.ReferenceServer.Tests;

/// <summary>Each server defect switches on exactly the behaviour its catalogue row describes.</summary>
public sealed class ServerDefectTests
{
    private const string NeedsUser = "/api/v1/datasets?mine=true";

    [Test]
    public async Task Accept_expired_serves_an_expired_token()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.AcceptExpired]);
        var token = target.Tokens.Access();
        target.Clock.Advance(TimeSpan.FromHours(1));

        var response = await target.GetAsync(NeedsUser, token);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Skip_signature_lets_an_edited_token_become_admin()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.SkipSignature]);
        var forged = target.Tokens.AccessClaims("alice");
        forged["resource_access"]!["pbench-server"] = new JsonObject { ["roles"] = new JsonArray("ADMIN") };

        var edited = await target.GetAsync("/api/v1/server/audit", TokenFactory.WithPayload(target.Tokens.Access("alice"), forged));
        var foreignKey = await target.GetAsync(NeedsUser, target.Tokens.Access(signer: SigningKey.Generate()));

        edited.StatusCode.Should().Be(HttpStatusCode.OK);
        foreignKey.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Accept_alg_none_serves_an_unsigned_token_but_still_checks_signed_ones()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.AcceptAlgNone]);

        var unsigned = await target.GetAsync(NeedsUser, TokenFactory.Unsigned(target.Tokens.AccessClaims()));
        var foreign = await target.GetAsync(NeedsUser, target.Tokens.Access(signer: SigningKey.Generate()));

        unsigned.StatusCode.Should().Be(HttpStatusCode.OK);
        foreign.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Accept_hs256_public_key_serves_hs256_signed_with_the_public_key_in_each_form()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.AcceptHs256PublicKey]);
        var publicKey = target.Broker.ActiveKey.Rsa;
        var der = publicKey.ExportSubjectPublicKeyInfo();

        var realmText = await target.GetAsync(NeedsUser, TokenFactory.Hs256(target.Tokens.AccessClaims(), Encoding.ASCII.GetBytes(target.Broker.ActiveKey.PublicKeyDerBase64)));
        var pem = await target.GetAsync(NeedsUser, TokenFactory.Hs256(target.Tokens.AccessClaims(), Encoding.ASCII.GetBytes(publicKey.ExportSubjectPublicKeyInfoPem())));
        var derBytes = await target.GetAsync(NeedsUser, TokenFactory.Hs256(target.Tokens.AccessClaims(), der));
        var otherSecret = await target.GetAsync(NeedsUser, TokenFactory.Hs256(target.Tokens.AccessClaims(), Encoding.ASCII.GetBytes(new string('s', 64))));

        realmText.StatusCode.Should().Be(HttpStatusCode.OK);
        pem.StatusCode.Should().Be(HttpStatusCode.OK);
        derBytes.StatusCode.Should().Be(HttpStatusCode.OK);
        otherSecret.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Ignore_aud_serves_a_token_for_another_audience()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.IgnoreAud]);

        var response = await target.GetAsync(NeedsUser, target.Tokens.Access(change: c => c["aud"] = new JsonArray("account")));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Ignore_iss_serves_a_token_from_another_issuer()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.IgnoreIss]);

        var response = await target.GetAsync(NeedsUser, target.Tokens.Access(change: c => c["iss"] = "http://127.0.0.1:1/realms/elsewhere"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Forbidden_for_invalid_token_answers_403_to_a_bad_token()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.ForbiddenForInvalidToken]);

        var invalid = await target.GetAsync(NeedsUser, "garbage");
        var anonymous = await target.GetAsync(NeedsUser);

        invalid.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Unauthorized_for_forbidden_answers_401_to_a_user_without_the_right()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.UnauthorizedForForbidden]);

        var response = await target.GetAsync("/api/v1/datasets/alice-private-1", target.Tokens.Access("bob"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Omit_www_authenticate_sends_no_challenge_with_401_or_403()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.OmitWwwAuthenticate]);

        var anonymous = await target.GetAsync(NeedsUser);
        var invalid = await target.GetAsync(NeedsUser, "garbage");
        var forbidden = await target.GetAsync("/api/v1/datasets/alice-private-1", target.Tokens.Access("bob"));

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        invalid.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        new[] { anonymous, invalid, forbidden }.Should().OnlyContain(r => r.Headers.WwwAuthenticate.Count == 0);
    }

    [Test]
    public async Task Token_in_query_accepts_the_access_token_parameter()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.TokenInQuery]);

        var response = await target.GetAsync($"{NeedsUser}&access_token={target.Tokens.Access()}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Non_owner_delete_lets_another_user_delete_and_the_dataset_is_gone()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.NonOwnerDelete]);
        var alice = target.Tokens.Access("alice");

        var deleted = await target.SendAsync(HttpMethod.Delete, "/api/v1/datasets/bob-private-1", alice);
        var gone = await target.GetAsync("/api/v1/datasets/bob-private-1", target.Tokens.Access("bob"));
        var update = await target.SendAsync(HttpMethod.Post, "/api/v1/datasets/bob-public-1?access=private", alice);

        deleted.StatusCode.Should().Be(HttpStatusCode.OK);
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        update.StatusCode.Should().Be(HttpStatusCode.Forbidden, "only delete is affected");
    }

    [Test]
    public async Task Admin_from_any_client_takes_admin_from_another_clients_roles()
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.AdminFromAnyClient]);
        var otherClient = target.Tokens.Access("alice", c => c["resource_access"]!["pbench-automation"] = new JsonObject { ["roles"] = new JsonArray("ADMIN") });
        var realmRole = target.Tokens.Access("bob", c => c["realm_access"] = new JsonObject { ["roles"] = new JsonArray("ADMIN") });

        (await target.GetAsync("/api/v1/server/audit", otherClient)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await target.GetAsync("/api/v1/server/audit", realmRole)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await target.GetAsync("/api/v1/server/audit", target.Tokens.Access("alice"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [TestCase("pbench")]
    [TestCase("diagram")]
    public async Task Serve_client_secret_puts_a_client_secret_in_the_login_configuration(string profile)
    {
        await using var target = await TargetWithBroker.StartAsync([DefectNames.ServeClientSecret], profile: profile);

        var body = await target.Http.GetFromJsonAsync<JsonObject>(new Uri("/api/v1/endpoints", UriKind.Relative));

        var holder = profile == "pbench" ? body!["openid"]! : body!;
        holder["client_secret"]!.GetValue<string>().Should().Be("pbench-automation-secret");
    }

    [Test]
    public async Task Broker_defects_are_accepted_and_change_nothing_in_the_server()
    {
        await using var target = await TargetWithBroker.StartAsync(DefectNames.Broker);
        var token = target.Tokens.Access();

        var valid = await target.GetAsync(NeedsUser, token);
        target.Clock.Advance(TimeSpan.FromHours(1));
        var expired = await target.GetAsync(NeedsUser, token);
        var config = await target.Http.GetStringAsync(new Uri("/api/v1/endpoints", UriKind.Relative));

        valid.StatusCode.Should().Be(HttpStatusCode.OK);
        expired.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        config.Should().NotContain("secret");
    }

    [Test]
    public async Task Unknown_defect_is_refused_at_start_with_the_known_names()
    {
        var start = async () => await ReferenceServerHost.StartAsync(new ReferenceServerOptions { Defects = ["accept-everything"] });

        (await start.Should().ThrowAsync<ArgumentException>())
            .Which.Message.Should().StartWith("unknown defect 'accept-everything' (known: accept-expired, ").And.Contain("broker-unknown-kid");
    }
}
