using System.Net;

namespace PbenchAuthSpec.MockBroker.Tests.Support;

/// <summary>
/// A cookie jar that behaves as a browser's on loopback: browsers treat http://127.0.0.1 and
/// http://localhost as potentially trustworthy (W3C Secure Contexts §3.1) and send <c>Secure</c>
/// cookies there, which MockBroker sets as Keycloak does; <see cref="CookieContainer"/> sends them
/// only over https, so a loopback URL is looked up in its https form. Redirects are not followed.
/// </summary>
internal sealed class LoopbackCookieHandler(CookieContainer cookies)
    : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!;
        if (cookies.GetCookieHeader(CookieLookup(url)) is { Length: > 0 } header)
        {
            request.Headers.Add("Cookie", header);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                cookies.SetCookies(url, setCookie);
            }
        }

        return response;
    }

    private static Uri CookieLookup(Uri url) =>
        url.IsLoopback && url.Scheme == Uri.UriSchemeHttp ? new UriBuilder(url) { Scheme = Uri.UriSchemeHttps, Port = url.Port }.Uri : url;
}
