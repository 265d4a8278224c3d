using System.Net.Http.Headers;
using System.Text;

namespace PbenchAuthSpec.MockIdp.Tests;

/// <summary>One hostile or broken request, and the status and OAuth error MockIdp must answer it with.</summary>
public sealed record MalformedRequest(string Name, int Status, string Error, Func<string, HttpRequestMessage> Build)
{
    public override string ToString() => Name;

    public static HttpRequestMessage Token(string baseUrl, string body, bool basic = true, string contentType = "application/x-www-form-urlencoded") =>
        Post(baseUrl + "/token", Encoding.UTF8.GetBytes(body), contentType, basic ? IdpTestClient.Basic(TestIdp.ClientId, TestIdp.ClientSecret) : null);

    public static HttpRequestMessage Post(string url, byte[] body, string? contentType, AuthenticationHeaderValue? authorization = null)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, Raw(url)) { Content = content };
        request.Headers.Authorization = authorization;
        return request;
    }

    public static HttpRequestMessage WithAuthorization(HttpRequestMessage request, string value)
    {
        request.Headers.TryAddWithoutValidation("Authorization", value);
        return request;
    }

    public static HttpRequestMessage Get(string url) => new(HttpMethod.Get, Raw(url));

    public static HttpRequestMessage Send(HttpMethod method, string url) => new(method, Raw(url));

    /// <summary>The URL exactly as written: malformed escapes must reach the server unrepaired.</summary>
    public static Uri Raw(string url) => new(url, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    public static string Base64(byte[] bytes) => Convert.ToBase64String(bytes);
}
