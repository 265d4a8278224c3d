using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>
/// Malformed requests across every endpoint: each gets a 4xx with an OAuth error body
/// (<c>error</c>, <c>error_description</c>), never a 5xx, and the broker keeps serving.
/// One broker serves them all, so a crash or a wedged state would show in the cases after it.
/// </summary>
public sealed class MalformedRequestTests
{
    private const string Auth = "{realm}/protocol/openid-connect/auth";
    private const string Token = "{realm}/protocol/openid-connect/token";
    private const string Userinfo = "{realm}/protocol/openid-connect/userinfo";
    private const string Logout = "{realm}/protocol/openid-connect/logout";
    private const string Init = "{realm}/protocol/openid-connect/login-status-iframe.html/init";
    private const string Redirect = "redirect_uri=http%3A%2F%2Fdashboard.invalid%2Fdashboard%2Fcb";
    private const string Form = "application/x-www-form-urlencoded";
    private static readonly string Bogus = Convert.ToBase64String(Encoding.UTF8.GetBytes("no-colon-here"));

    private BrokerTestStack _stack = null!;
    private HttpClient _http = null!;
    private string _adminToken = null!;

    public static IEnumerable<TestCaseData> Cases() => AuthorizationCases().Concat(TokenCases()).Concat(OtherCases());

    [OneTimeSetUp]
    public async Task StartBroker()
    {
        _stack = await BrokerTestStack.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_stack.Broker.BaseUrl) };
        using var admin = await AdminClient.StartAsync(_stack);
        _adminToken = admin.Http.DefaultRequestHeaders.Authorization!.Parameter!;
    }

    [OneTimeTearDown]
    public async Task StopBroker()
    {
        _http.Dispose();
        await _stack.DisposeAsync();
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Malformed_request_gets_a_4xx_oauth_error_and_the_broker_keeps_serving(MalformedRequest malformed)
    {
        using var request = new HttpRequestMessage(new HttpMethod(malformed.Method), new Uri(malformed.Path.Replace("{realm}", "/realms/pbench-server", StringComparison.Ordinal), UriKind.Relative));
        if (malformed.Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(malformed.Body));
            if (malformed.ContentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(malformed.ContentType);
            }
        }

        foreach (var (name, value) in malformed.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (malformed.AsAdmin)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
        }

        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).Should().BeInRange(400, 499, text);
        if (malformed.Status is { } status)
        {
            ((int)response.StatusCode).Should().Be(status, text);
        }

        using var body = JsonDocument.Parse(text);
        body.RootElement.GetProperty("error").GetString().Should().NotBeNullOrWhiteSpace();
        body.RootElement.GetProperty("error_description").GetString().Should().NotBeNullOrWhiteSpace();
        (await _http.GetAsync(new Uri("/realms/pbench-server/.well-known/openid-configuration", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static TestCaseData Case(string name, MalformedRequest request) => new TestCaseData(request).SetName(name);

    private static IEnumerable<TestCaseData> AuthorizationCases()
    {
        yield return Case("Auth_without_parameters", new("GET", Auth));
        yield return Case("Auth_with_an_unknown_client", new("GET", $"{Auth}?client_id=nobody&{Redirect}&response_type=code"));
        yield return Case("Auth_with_client_id_twice", new("GET", $"{Auth}?client_id=pbench-client&client_id=pbench-client&{Redirect}"));
        yield return Case("Auth_with_a_client_id_that_is_not_utf8", new("GET", $"{Auth}?client_id=%FF%FE&{Redirect}"));
        yield return Case("Auth_with_an_unregistered_redirect_uri", new("GET", $"{Auth}?client_id=pbench-client&redirect_uri=http%3A%2F%2Fevil.example%2F"));
        yield return Case("Auth_with_a_relative_redirect_uri", new("GET", $"{Auth}?client_id=pbench-client&redirect_uri=%2Fdashboard%2Fcb"));
        yield return Case("Auth_with_a_redirect_uri_fragment", new("GET", $"{Auth}?client_id=pbench-client&redirect_uri=http%3A%2F%2Fdashboard.invalid%2Fdashboard%2Fcb%23x"));
        yield return Case("Auth_with_redirect_uri_dot_segments", new("GET", $"{Auth}?client_id=pbench-client&redirect_uri=http%3A%2F%2Fdashboard.invalid%2Fdashboard%2F..%2Fx"));
        yield return Case("Auth_with_redirect_uri_user_info", new("GET", $"{Auth}?client_id=pbench-client&redirect_uri=http%3A%2F%2Fa%40dashboard.invalid%2Fdashboard%2Fcb"));
        yield return Case("Auth_without_a_redirect_uri_for_a_wildcard_client", new("GET", $"{Auth}?client_id=pbench-client&response_type=code"));
        yield return Case("Auth_with_a_huge_state", new("GET", $"{Auth}?client_id=pbench-client&{Redirect}&state={new string('s', 5000)}"));
        yield return Case("Auth_with_too_many_parameters", new("GET", $"{Auth}?{string.Join('&', Enumerable.Range(0, 70).Select(i => $"p{i}=1"))}"));
        yield return Case("Auth_post_with_a_json_body", new("POST", Auth, "{\"client_id\":\"pbench-client\"}", "application/json"));
        yield return Case("Auth_post_with_a_broken_form", new("POST", Auth, "client_id=%ZZ", Form));
        yield return Case("Auth_in_an_unknown_realm", new("GET", $"/realms/nope/protocol/openid-connect/auth?client_id=pbench-client") { Status = 404 });
        yield return Case("Auth_with_a_nul_in_a_parameter", new("GET", $"{Auth}?client_id=pbench%00client&{Redirect}"));
    }

    private static IEnumerable<TestCaseData> TokenCases()
    {
        yield return Case("Token_by_get", new("GET", Token) { Status = 405 });
        yield return Case("Token_without_a_content_type", new("POST", Token, "grant_type=password", null));
        yield return Case("Token_with_a_json_body", new("POST", Token, "{\"grant_type\":\"password\"}", "application/json"));
        yield return Case("Token_with_an_empty_body", new("POST", Token, "", Form));
        yield return Case("Token_without_grant_type", new("POST", Token, "client_id=pbench-client", Form));
        yield return Case("Token_with_an_unknown_grant_type", new("POST", Token, "client_id=pbench-client&grant_type=urn:ietf:params:oauth:grant-type:device_code", Form));
        yield return Case("Token_with_grant_type_twice", new("POST", Token, "client_id=pbench-client&grant_type=password&grant_type=password", Form));
        yield return Case("Token_with_a_body_over_64_KiB", new("POST", Token, "client_id=pbench-client&x=" + new string('x', 70_000), Form));
        yield return Case("Token_with_basic_that_is_not_base64", new("POST", Token, "grant_type=client_credentials", Form) { Headers = new Dictionary<string, string> { ["Authorization"] = "Basic ***" }, Status = 401 });
        yield return Case("Token_with_basic_without_a_colon", new("POST", Token, "grant_type=client_credentials", Form) { Headers = new Dictionary<string, string> { ["Authorization"] = $"Basic {Bogus}" }, Status = 401 });
        yield return Case("Token_with_basic_and_a_body_secret", new("POST", Token, "grant_type=client_credentials&client_secret=x", Form) { Headers = Basic("pbench-automation", "pbench-automation-secret") });
        yield return Case("Token_with_a_client_id_that_contradicts_basic", new("POST", Token, "grant_type=client_credentials&client_id=pbench-client", Form) { Headers = Basic("pbench-automation", "pbench-automation-secret") });
        yield return Case("Token_for_an_unknown_client", new("POST", Token, "grant_type=password&client_id=nobody", Form) { Status = 401 });
        yield return Case("Token_with_a_wrong_client_secret", new("POST", Token, "grant_type=client_credentials&client_id=pbench-automation&client_secret=wrong", Form) { Status = 401 });
        yield return Case("Code_grant_without_a_code", new("POST", Token, "grant_type=authorization_code&client_id=pbench-client", Form));
        yield return Case("Code_grant_with_an_unknown_code", new("POST", Token, "grant_type=authorization_code&client_id=pbench-client&code=nope&" + Redirect, Form));
        yield return Case("Refresh_grant_without_a_refresh_token", new("POST", Token, "grant_type=refresh_token&client_id=pbench-client", Form));
        yield return Case("Refresh_grant_with_garbage", new("POST", Token, "grant_type=refresh_token&client_id=pbench-client&refresh_token=garbage", Form));
        yield return Case("Refresh_grant_with_an_unsigned_token", new("POST", Token, "grant_type=refresh_token&client_id=pbench-client&refresh_token=eyJhbGciOiJub25lIn0.eyJ0eXAiOiJSZWZyZXNoIn0.", Form));
        yield return Case("Refresh_grant_with_four_segments", new("POST", Token, "grant_type=refresh_token&client_id=pbench-client&refresh_token=a.b.c.d", Form));
        yield return Case("Password_grant_without_username", new("POST", Token, "grant_type=password&client_id=pbench-client&password=x", Form));
        yield return Case("Password_grant_without_password", new("POST", Token, "grant_type=password&client_id=pbench-client&username=bob", Form));
        yield return Case("Password_grant_with_an_unknown_scope", new("POST", Token, "grant_type=password&client_id=pbench-client&username=bob&password=bob-password&scope=openid+nonsense", Form));
        yield return Case("Client_credentials_for_a_public_client", new("POST", Token, "grant_type=client_credentials&client_id=pbench-client", Form));
        yield return Case("Token_with_a_form_that_is_not_utf8", new("POST", Token, "grant_type=password&client_id=%C3%28", Form));
        yield return Case("Token_with_a_huge_parameter_name", new("POST", Token, new string('n', 300) + "=1&client_id=pbench-client", Form));
        yield return Case("Token_with_a_nul_in_a_value", new("POST", Token, "grant_type=password&client_id=pbench-client&username=b%00b&password=x", Form));
    }

    private static IEnumerable<TestCaseData> OtherCases()
    {
        yield return Case("Userinfo_without_a_token", new("GET", Userinfo) { Status = 401 });
        yield return Case("Userinfo_with_a_garbage_token", new("GET", Userinfo) { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer x.y.z" }, Status = 401 });
        yield return Case("Userinfo_with_basic_instead_of_bearer", new("GET", Userinfo) { Headers = Basic("bob", "bob-password"), Status = 401 });
        yield return Case("Userinfo_with_the_token_in_header_and_body", new("POST", Userinfo, "access_token=abc", Form) { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer abc" }, Status = 401 });
        yield return Case("Userinfo_by_delete", new("DELETE", Userinfo) { Status = 405 });
        yield return Case("Logout_with_a_garbage_id_token_hint", new("GET", $"{Logout}?id_token_hint=garbage"));
        yield return Case("Logout_to_an_unregistered_uri", new("GET", $"{Logout}?client_id=pbench-client&post_logout_redirect_uri=http%3A%2F%2Fevil.example%2F"));
        yield return Case("Logout_with_a_redirect_but_no_client", new("GET", $"{Logout}?post_logout_redirect_uri=http%3A%2F%2Fdashboard.invalid%2Fdashboard%2F"));
        yield return Case("Logout_for_an_unknown_client", new("GET", $"{Logout}?client_id=nobody"));
        yield return Case("Back_channel_logout_with_a_garbage_refresh_token", new("POST", Logout, "client_id=pbench-client&refresh_token=garbage", Form));
        yield return Case("Back_channel_logout_for_an_unknown_client", new("POST", Logout, "client_id=nobody&refresh_token=garbage", Form) { Status = 401 });
        yield return Case("Login_status_init_without_origin", new("GET", $"{Init}?client_id=pbench-client"));
        yield return Case("Login_status_init_for_an_unknown_client", new("GET", $"{Init}?client_id=nobody&origin=http%3A%2F%2Fdashboard.invalid") { Status = 404 });
        yield return Case("Login_status_init_from_a_foreign_origin", new("GET", $"{Init}?client_id=pbench-client&origin=http%3A%2F%2Fevil.example") { Status = 403 });
        yield return Case("Broker_endpoint_without_state", new("GET", "{realm}/broker/mockidp/endpoint?code=abc"));
        yield return Case("Broker_endpoint_with_a_forged_state", new("GET", "{realm}/broker/mockidp/endpoint?code=abc&state=a.b.pbench-client"));
        yield return Case("Broker_login_without_a_tab", new("GET", "{realm}/broker/mockidp/login?client_id=pbench-client"));
        yield return Case("Broker_login_for_an_unknown_alias", new("GET", "{realm}/broker/nope/login?client_id=pbench-client&tab_id=x&session_code=y") { Status = 404 });
        yield return Case("Login_form_post_without_a_login_in_progress", new("POST", "{realm}/login-actions/authenticate", "username=bob&password=bob-password", Form));
        yield return Case("Admin_without_a_token", new("GET", "/admin/realms/pbench-server/users") { Status = 401 });
        yield return Case("Admin_with_a_garbage_token", new("GET", "/admin/realms/pbench-server/users") { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer garbage" }, Status = 401 });
        yield return Case("Admin_create_with_broken_json", new("POST", "/admin/realms/pbench-server/users", "{\"username\":", "application/json") { AsAdmin = true });
        yield return Case("Admin_create_with_a_form_body", new("POST", "/admin/realms/pbench-server/users", "username=x", Form) { AsAdmin = true });
        yield return Case("Admin_create_without_username", new("POST", "/admin/realms/pbench-server/users", "{\"email\":\"x@example.com\"}", "application/json") { AsAdmin = true });
        yield return Case("Admin_search_with_a_negative_first", new("GET", "/admin/realms/pbench-server/users?first=-1") { AsAdmin = true });
        yield return Case("Admin_user_id_that_is_not_a_uuid", new("GET", "/admin/realms/pbench-server/users/not-a-uuid") { AsAdmin = true, Status = 404 });
        yield return Case("Admin_for_an_unknown_realm", new("GET", "/admin/realms/nope/users") { AsAdmin = true, Status = 404 });
        yield return Case("Unknown_path_in_a_realm", new("GET", "{realm}/nope") { Status = 404 });
        yield return Case("Certs_by_post", new("POST", "{realm}/protocol/openid-connect/certs", "x=1", Form) { Status = 405 });
        yield return Case("Certs_of_an_unknown_realm", new("GET", "/realms/nope/protocol/openid-connect/certs") { Status = 404 });
        yield return Case("Lifetimes_hook_with_a_bad_body", new("POST", "/__admin/broker/realms/pbench-server/lifetimes", "[1,2", "application/json"));
        yield return Case("Fault_hook_with_an_unknown_fault", new("PUT", "/__admin/broker/faults/nope", "", "application/json") { Status = 404 });
    }

    private static Dictionary<string, string> Basic(string id, string secret) =>
        new() { ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")) };
}
