namespace PbenchAuthSpec.ReferenceServer.Tests.Support;

/// <summary>Bearer calls to a ReferenceServer that some other broker (MockBroker) trusts.</summary>
public sealed class TargetClient(ReferenceServerHost server) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(server.BaseUrl) };

    public async Task<HttpResponseMessage> GetAsync(string path, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        return await _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();
}
