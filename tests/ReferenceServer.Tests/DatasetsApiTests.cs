using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.ReferenceServer.Tests.Support;

namespace PbenchAuthSpec.ReferenceServer.Tests;

/// <summary>
/// <c>/api/v1/datasets</c> with the real server's behaviour: seed data alice-private-1, bob-public-1,
/// bob-private-1; parameter errors before authorization; 401 anonymous, 403 not permitted.
/// </summary>
public sealed class DatasetsApiTests
{
    [Test]
    public async Task Anonymous_list_shows_public_datasets_only()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var response = await target.GetAsync("/api/v1/datasets");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Ids(response)).Should().Equal("bob-public-1");
    }

    [Test]
    public async Task Authenticated_list_adds_own_private_datasets_and_admin_sees_all()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var alice = await Ids(await target.GetAsync("/api/v1/datasets", target.Tokens.Access("alice")));
        var admin = await Ids(await target.GetAsync("/api/v1/datasets", target.Tokens.Access("admin")));

        alice.Should().Equal("alice-private-1", "bob-public-1");
        admin.Should().Equal("alice-private-1", "bob-private-1", "bob-public-1");
    }

    [Test]
    public async Task Mine_needs_a_user_and_shows_only_own_datasets()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var anonymous = await target.GetAsync("/api/v1/datasets?mine=true");
        var bob = await target.GetAsync("/api/v1/datasets?mine=true", target.Tokens.Access("bob"));

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await TargetWithBroker.MessageAsync(anonymous)).Should().Be("'mine' filter requires authentication");
        (await Ids(bob)).Should().Equal("bob-private-1", "bob-public-1");
    }

    [Test]
    public async Task List_takes_metadata_repeated_as_the_pbench_dashboard_sends_it_but_refuses_other_repeats()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var bob = target.Tokens.Access("bob");

        var dashboard = await target.GetAsync("/api/v1/datasets?metadata=dataset.access&metadata=dataset.uploaded&metadata=server.deletion&metadata=dataset.metalog.pbench.script&mine=true", bob);
        var twice = await target.GetAsync("/api/v1/datasets?mine=true&mine=true", bob);

        (await Ids(dashboard)).Should().Equal("bob-private-1", "bob-public-1");
        twice.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task List_filters_and_pages()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var admin = target.Tokens.Access("admin");

        var privateOfBob = await Ids(await target.GetAsync("/api/v1/datasets?owner=bob&access=private", admin));
        var page = await target.GetAsync("/api/v1/datasets?limit=1&offset=1", admin);

        privateOfBob.Should().Equal("bob-private-1");
        (await Ids(page)).Should().Equal("bob-private-1");
    }

    [Test]
    public async Task Private_dataset_is_200_for_owner_and_admin_403_for_others_401_for_anonymous()
    {
        await using var target = await TargetWithBroker.StartAsync();
        const string Path = "/api/v1/datasets/alice-private-1";

        var owner = await target.GetAsync(Path, target.Tokens.Access("alice"));
        var admin = await target.GetAsync(Path, target.Tokens.Access("admin"));
        var other = await target.GetAsync(Path, target.Tokens.Access("bob"));
        var anonymous = await target.GetAsync(Path);

        owner.StatusCode.Should().Be(HttpStatusCode.OK);
        (await owner.Content.ReadFromJsonAsync<JsonObject>())!["owner"]!.GetValue<string>().Should().Be("alice");
        admin.StatusCode.Should().Be(HttpStatusCode.OK);
        other.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        TargetWithBroker.Challenge(other).Should().StartWith("Bearer error=\"insufficient_scope\"");
        (await TargetWithBroker.MessageAsync(other)).Should().Be("User bob is not authorized to READ a resource owned by alice with private access");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        TargetWithBroker.Challenge(anonymous).Should().Be("Bearer realm=\"pbench-server\"");
    }

    [Test]
    public async Task Public_dataset_is_readable_by_anyone()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var anonymous = await target.GetAsync("/api/v1/datasets/bob-public-1");
        var alice = await target.GetAsync("/api/v1/datasets/bob-public-1", target.Tokens.Access("alice"));

        anonymous.StatusCode.Should().Be(HttpStatusCode.OK);
        alice.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [TestCase("GET")]
    [TestCase("DELETE")]
    [TestCase("POST")]
    public async Task Unknown_dataset_is_404_even_for_anonymous(string method)
    {
        await using var target = await TargetWithBroker.StartAsync();

        var query = method == "POST" ? "?access=public" : "";

        var response = await target.SendAsync(new HttpMethod(method), "/api/v1/datasets/no-such-dataset" + query);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await TargetWithBroker.MessageAsync(response)).Should().Be("Dataset 'no-such-dataset' not found");
    }

    [Test]
    public async Task Owner_deletes_own_dataset_and_it_is_gone()
    {
        await using var target = await TargetWithBroker.StartAsync();
        var alice = target.Tokens.Access("alice");

        var deleted = await target.SendAsync(HttpMethod.Delete, "/api/v1/datasets/alice-private-1", alice);
        var again = await target.GetAsync("/api/v1/datasets/alice-private-1", alice);

        deleted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TargetWithBroker.MessageAsync(deleted)).Should().Be("Dataset alice-private-1 deleted");
        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Delete_is_403_for_a_non_owner_401_for_anonymous_and_200_for_admin()
    {
        await using var target = await TargetWithBroker.StartAsync();
        const string Path = "/api/v1/datasets/bob-private-1";

        var alice = await target.SendAsync(HttpMethod.Delete, Path, target.Tokens.Access("alice"));
        var anonymous = await target.SendAsync(HttpMethod.Delete, Path);
        var stillThere = await target.GetAsync(Path, target.Tokens.Access("bob"));
        var admin = await target.SendAsync(HttpMethod.Delete, Path, target.Tokens.Access("admin"));

        alice.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await TargetWithBroker.MessageAsync(alice)).Should().Be("User alice is not authorized to DELETE a resource owned by bob with private access");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        stillThere.StatusCode.Should().Be(HttpStatusCode.OK);
        admin.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Owner_changes_access_and_others_may_not()
    {
        await using var target = await TargetWithBroker.StartAsync();

        var owner = await target.SendAsync(HttpMethod.Post, "/api/v1/datasets/alice-private-1?access=public", target.Tokens.Access("alice"));
        var other = await target.SendAsync(HttpMethod.Post, "/api/v1/datasets/bob-private-1?access=public", target.Tokens.Access("alice"));
        var anonymous = await target.SendAsync(HttpMethod.Post, "/api/v1/datasets/bob-private-1?access=public");
        var nowPublic = await target.GetAsync("/api/v1/datasets/alice-private-1");

        owner.StatusCode.Should().Be(HttpStatusCode.OK);
        (await owner.Content.ReadFromJsonAsync<JsonObject>())!["access"]!.GetValue<string>().Should().Be("public");
        other.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        nowPublic.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Changing_the_owner_needs_admin_even_for_the_owner()
    {
        await using var target = await TargetWithBroker.StartAsync();
        const string Path = "/api/v1/datasets/alice-private-1?owner=bob";

        var owner = await target.SendAsync(HttpMethod.Post, Path, target.Tokens.Access("alice"));
        var anonymous = await target.SendAsync(HttpMethod.Post, Path);
        var admin = await target.SendAsync(HttpMethod.Post, Path, target.Tokens.Access("admin"));
        var bobSees = await target.GetAsync("/api/v1/datasets/alice-private-1", target.Tokens.Access("bob"));

        owner.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await TargetWithBroker.MessageAsync(owner)).Should().Be("ADMIN role is required to change dataset ownership");
        TargetWithBroker.Challenge(owner).Should().Contain("insufficient_scope");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        admin.StatusCode.Should().Be(HttpStatusCode.OK);
        bobSees.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [TestCase("/api/v1/datasets/alice-private-1", "Give at least one of")]
    [TestCase("/api/v1/datasets/alice-private-1?access=secret", "is not one of 'public', 'private'")]
    [TestCase("/api/v1/datasets/alice-private-1?owner=nobody", "User 'nobody' is not known")]
    [TestCase("/api/v1/datasets/alice-private-1?access=public&colour=red", "Unknown URL query keys: colour")]
    public async Task Bad_update_parameters_are_400_before_authorization(string path, string message)
    {
        await using var target = await TargetWithBroker.StartAsync();

        var response = await target.SendAsync(HttpMethod.Post, path);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TargetWithBroker.MessageAsync(response)).Should().Contain(message);
    }

    private static async Task<List<string>> Ids(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var ids = body!["results"]!.AsArray().Select(d => d!["resource_id"]!.GetValue<string>()).ToList();
        body["total"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(ids.Count);
        return ids;
    }
}
