using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.Cli.Tests;

/// <summary>The stack behind <c>serve --target</c>, <c>--fixtures</c>, <c>--mapping</c> and <c>--keycloak-version</c>, in process.</summary>
public sealed class ServeTargetStackTests
{
    private const string Target = "https://pbench.example.com";

    [Test]
    public async Task A_target_it_did_not_start_is_registered_as_redirect_uri_and_web_origin_and_no_ReferenceServer_runs()
    {
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { TargetUrl = Target });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        stack.TargetUrl.Should().Be(Target);
        stack.StartedTarget.Should().BeFalse();
        (await AuthorizeAsync(http, stack, $"{Target}/dashboard/callback")).Should().Be(HttpStatusCode.OK, "the login page: the redirect URI is registered");
        (await AuthorizeAsync(http, stack, "http://127.0.0.1:9/dashboard/callback")).Should().Be(HttpStatusCode.BadRequest);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri($"{stack.RealmUrl}/protocol/openid-connect/token"));
        preflight.Headers.Add("Origin", Target);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var answer = await http.SendAsync(preflight);
        answer.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(Target);
    }

    [TestCase("http://localhost:{0}")]
    [TestCase("http://127.0.0.1:{0}/")]
    public void A_target_on_a_stand_in_s_own_socket_is_refused(string url)
    {
        var target = ForeignTarget.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, 41234));

        var check = () => target.RequireNotOn(("MockIdp", 40000), ("MockBroker", 41234));

        check.Should().Throw<ArgumentException>().WithMessage("--target http*:41234: that is MockBroker's own origin*");
        ForeignTarget.Parse("http://pbench.test:41234").RequireNotOn(("MockBroker", 41234));
    }

    [TestCase("ftp://pbench.example.com")]
    [TestCase("pbench.example.com")]
    [TestCase("/dashboard")]
    [TestCase("https://pbench.example.com/pbench")]
    [TestCase("https://pbench.example.com/?x=1")]
    public void A_target_that_is_not_an_http_origin_is_refused_in_one_line(string url)
    {
        var parse = () => ForeignTarget.Parse(url);

        parse.Should().Throw<ArgumentException>().Which.Message.Should().StartWith($"--target {url}: expected").And.NotContain("\n");
    }

    [Test]
    public async Task A_copy_of_the_fixtures_is_what_the_stack_starts_from()
    {
        var copy = Directory.CreateTempSubdirectory("pbench-fixtures-").FullName;
        try
        {
            CopyTree(FixturePaths.Directory, copy);
            var broker = Path.Combine(copy, "broker.json");
            await File.WriteAllTextAsync(broker, (await File.ReadAllTextAsync(broker)).Replace("\"bob-password\"", "\"bob-changed\"", StringComparison.Ordinal));
            await using var stack = await StandInStack.StartAsync(new StandInStackOptions { FixturesDirectory = copy, TargetUrl = Target });
            using var http = new HttpClient();

            (await PasswordGrantAsync(http, stack, "bob-changed")).Should().Be(HttpStatusCode.OK);
            (await PasswordGrantAsync(http, stack, "bob-password")).Should().Be(HttpStatusCode.Unauthorized);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Test]
    public async Task Mapping_files_are_loaded_into_the_IdP_and_the_broker_and_the_keycloak_version_reaches_the_broker()
    {
        var mapping = FixturePaths.File("mappings", "idp-token-503.json");
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { TargetUrl = Target, MappingFiles = [mapping], KeycloakVersion = 24 });
        using var http = new HttpClient();

        stack.Idp.Host.Mappings.All.Should().ContainSingle();
        stack.Broker.Host.Mappings.All.Should().ContainSingle();
        using var token = await http.PostAsync(new Uri($"{stack.Idp.BaseUrl}/token"), new FormUrlEncodedContent([]));
        token.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var status = await http.GetFromJsonAsync<JsonObject>(new Uri($"{stack.Broker.BaseUrl}/__admin/broker"));
        ((int?)status!["keycloakVersion"]).Should().Be(24);
    }

    private static async Task<HttpStatusCode> AuthorizeAsync(HttpClient http, StandInStack stack, string redirectUri)
    {
        var url = $"{stack.RealmUrl}/protocol/openid-connect/auth?client_id=pbench-client&response_type=code&scope=openid&state=s&redirect_uri={Uri.EscapeDataString(redirectUri)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url));
        request.Headers.Add("Accept", "text/html");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> PasswordGrantAsync(HttpClient http, StandInStack stack, string password)
    {
        using var response = await http.PostAsync(new Uri($"{stack.RealmUrl}/protocol/openid-connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "pbench-client", ["username"] = "bob", ["password"] = password, ["scope"] = "openid",
        }));
        return response.StatusCode;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }
}
