using System.Text;
using static PbenchAuthSpec.MockIdp.Tests.MalformedRequest;

namespace PbenchAuthSpec.MockIdp.Tests;

/// <summary>The catalogue of malformed requests MockIdp must answer with a 4xx and an RFC 6749 §5.2 body.</summary>
public static class MalformedRequests
{
    private const string CodeGrant = "grant_type=authorization_code&code=abc&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb";
    private static readonly string Authorize = $"/authorize?client_id={TestIdp.ClientId}&redirect_uri={Uri.EscapeDataString(TestIdp.RedirectUri)}&response_type=code&scope=openid";

    public static IEnumerable<MalformedRequest> All()
    {
        foreach (var item in TokenEndpoint().Concat(ClientAuthentication()).Concat(AuthorizationEndpoint()).Concat(Pages()).Concat(Others()))
        {
            yield return item;
        }
    }

    private static IEnumerable<MalformedRequest> TokenEndpoint()
    {
        yield return new("GET on the token endpoint", 405, "invalid_request", b => Get(b + "/token?grant_type=authorization_code"));
        yield return new("token request without a body or content type", 400, "invalid_request", b => Post(b + "/token", [], null));
        yield return new("JSON body to the token endpoint", 400, "invalid_request", b => Token(b, """{"grant_type":"authorization_code","code":"abc"}""", contentType: "application/json"));
        yield return new("text/plain body to the token endpoint", 400, "invalid_request", b => Token(b, CodeGrant, contentType: "text/plain"));
        yield return new("multipart body to the token endpoint", 400, "invalid_request", b => Token(b, "--x\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nauthorization_code\r\n--x--", contentType: "multipart/form-data; boundary=x"));
        yield return new("missing grant_type", 400, "invalid_request", b => Token(b, "code=abc"));
        yield return new("empty grant_type", 400, "invalid_request", b => Token(b, "grant_type=&code=abc"));
        yield return new("grant_type without '='", 400, "invalid_request", b => Token(b, "grant_type&code=abc"));
        yield return new("unsupported grant_type password", 400, "unsupported_grant_type", b => Token(b, "grant_type=password&username=alice&password=alice-password"));
        yield return new("grant_type in another case", 400, "unsupported_grant_type", b => Token(b, "grant_type=Authorization_Code&code=abc"));
        yield return new("duplicated grant_type", 400, "invalid_request", b => Token(b, CodeGrant + "&grant_type=authorization_code"));
        yield return new("duplicated code", 400, "invalid_request", b => Token(b, CodeGrant + "&code=def"));
        yield return new("missing code", 400, "invalid_request", b => Token(b, "grant_type=authorization_code&redirect_uri=x"));
        yield return new("missing redirect_uri", 400, "invalid_request", b => Token(b, "grant_type=authorization_code&code=abc"));
        yield return new("oversized code", 400, "invalid_request", b => Token(b, CodeGrant.Replace("code=abc", "code=" + new string('a', 5000), StringComparison.Ordinal)));
        yield return new("body over 64 KiB", 400, "invalid_request", b => Token(b, CodeGrant + "&pad=" + new string('p', 70_000)));
        yield return new("more than 64 parameters", 400, "invalid_request", b => Token(b, CodeGrant + string.Concat(Enumerable.Range(0, 70).Select(i => $"&p{i}=v"))));
        yield return new("raw non-UTF-8 bytes in the form", 400, "invalid_request", b => Post(b + "/token", [.. Encoding.ASCII.GetBytes(CodeGrant + "&x="), 0xFF, 0xFE], "application/x-www-form-urlencoded", IdpTestClient.Basic(TestIdp.ClientId, TestIdp.ClientSecret)));
        yield return new("percent-encoded non-UTF-8 in the form", 400, "invalid_request", b => Token(b, CodeGrant + "&state=%FF%FE"));
        yield return new("broken percent-encoding in the form", 400, "invalid_request", b => Token(b, CodeGrant + "&x=%G1"));
        yield return new("NUL byte in a parameter", 400, "invalid_request", b => Token(b, CodeGrant.Replace("code=abc", "code=ab%00c", StringComparison.Ordinal)));
        yield return new("parameters in the query of a token request", 400, "invalid_request", b => Post(b + "/token?client_secret=leak", Encoding.UTF8.GetBytes(CodeGrant), "application/x-www-form-urlencoded", IdpTestClient.Basic(TestIdp.ClientId, TestIdp.ClientSecret)));
        yield return new("malformed code_verifier", 400, "invalid_request", b => Token(b, CodeGrant + "&code_verifier=short"));
    }

    private static IEnumerable<MalformedRequest> ClientAuthentication()
    {
        yield return new("no client authentication", 401, "invalid_client", b => Token(b, CodeGrant, basic: false));
        yield return new("Basic credentials that are not base64", 401, "invalid_client", b => WithAuthorization(Token(b, CodeGrant, basic: false), "Basic !!!not-base64!!!"));
        yield return new("Basic credentials without a colon", 401, "invalid_client", b => WithAuthorization(Token(b, CodeGrant, basic: false), "Basic " + Base64(Encoding.UTF8.GetBytes("pbench-broker"))));
        yield return new("Basic credentials that are not UTF-8", 401, "invalid_client", b => WithAuthorization(Token(b, CodeGrant, basic: false), "Basic " + Base64([0xFF, 0x3A, 0xFE])));
        yield return new("Basic credentials with broken percent-encoding", 401, "invalid_client", b => WithAuthorization(Token(b, CodeGrant, basic: false), "Basic " + Base64(Encoding.UTF8.GetBytes("pbench%ZZbroker:secret"))));
        yield return new("Basic credentials with an empty client_id", 401, "invalid_client", b => WithAuthorization(Token(b, CodeGrant, basic: false), "Basic " + Base64(Encoding.UTF8.GetBytes(":secret"))));
        yield return new("Basic scheme with nothing after it", 401, "invalid_client", b => WithAuthorization(Token(b, CodeGrant, basic: false), "Basic"));
        yield return new("Bearer scheme at the token endpoint", 401, "invalid_client", b => WithAuthorization(Token(b, CodeGrant, basic: false), "Bearer abc.def.ghi"));
        yield return new("huge Authorization header", 401, "invalid_client", b => WithAuthorization(Token(b, CodeGrant, basic: false), "Basic " + new string('A', 20_000)));
        yield return new("unknown client by client_secret_post", 401, "invalid_client", b => Token(b, CodeGrant + "&client_id=nobody&client_secret=x", basic: false));
        yield return new("client_secret_post without the secret", 401, "invalid_client", b => Token(b, CodeGrant + $"&client_id={TestIdp.ClientId}", basic: false));
        yield return new("Basic and a different client_id in the body", 400, "invalid_request", b => Token(b, CodeGrant + "&client_id=someone-else"));
    }

    private static IEnumerable<MalformedRequest> AuthorizationEndpoint()
    {
        yield return new("duplicated client_id at authorize", 400, "invalid_request", b => Get(b + Authorize + "&client_id=other"));
        yield return new("non-UTF-8 bytes in the authorize query", 400, "invalid_request", b => Get(b + Authorize + "&state=%FF%FE%FD"));
        yield return new("broken percent-encoding in the authorize query", 400, "invalid_request", b => Get(b + Authorize + "&state=%4"));
        yield return new("oversized state", 400, "invalid_request", b => Get(b + Authorize + "&state=" + new string('s', 5000)));
        yield return new("PUT on the authorization endpoint", 405, "invalid_request", b => Send(HttpMethod.Put, b + Authorize));
        yield return new("JSON body POSTed to the authorization endpoint", 400, "invalid_request", b => Post(b + "/authorize", Encoding.UTF8.GetBytes("""{"client_id":"pbench-broker"}"""), "application/json"));
    }

    private static IEnumerable<MalformedRequest> Pages()
    {
        yield return new("login form without a transaction id", 400, "invalid_request", b => Post(b + "/login", Encoding.UTF8.GetBytes("username=alice&password=alice-password"), "application/x-www-form-urlencoded"));
        yield return new("login page for an unknown transaction", 400, "invalid_request", b => Get(b + "/login?tx=not-a-transaction"));
        yield return new("login page with a duplicated transaction id", 400, "invalid_request", b => Get(b + "/login?tx=a&tx=b"));
        yield return new("consent form as JSON", 400, "invalid_request", b => Post(b + "/consent", Encoding.UTF8.GetBytes("""{"tx":"x","decision":"allow"}"""), "application/json"));
        yield return new("DELETE on the login page", 405, "invalid_request", b => Send(HttpMethod.Delete, b + "/login"));
    }

    private static IEnumerable<MalformedRequest> Others()
    {
        yield return new("DELETE on userinfo", 405, "invalid_request", b => Send(HttpMethod.Delete, b + "/userinfo"));
        yield return new("huge bearer token at userinfo", 401, "invalid_token", b => WithAuthorization(Get(b + "/userinfo"), "Bearer " + new string('x', 20_000)));
        yield return new("non-UTF-8 form at userinfo", 400, "invalid_request", b => Post(b + "/userinfo", Encoding.ASCII.GetBytes("access_token=%FF"), "application/x-www-form-urlencoded"));
        yield return new("POST on the discovery document", 405, "invalid_request", b => Send(HttpMethod.Post, b + "/.well-known/openid-configuration"));
        yield return new("unknown endpoint", 404, "invalid_request", b => Get(b + "/.well-known/../../etc/passwd"));
    }
}
