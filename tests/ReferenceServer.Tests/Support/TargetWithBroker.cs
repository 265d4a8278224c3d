using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.ReferenceServer.Tests.Support;

/// <summary>A fresh ReferenceServer trusting a <see cref="FakeBroker"/>, one fake clock for both, and an HTTP client.</summary>
public sealed class TargetWithBroker : IAsyncDisposable
{
    /// <summary>A fixed start, so that token times in failures read the same on every run.</summary>
    public static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private TargetWithBroker(FakeBroker broker, ReferenceServerHost server, FakeTimeProvider clock)
    {
        Broker = broker;
        Server = server;
        Clock = clock;
        Http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
    }

    public FakeBroker Broker { get; }

    public ReferenceServerHost Server { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Http { get; }

    public TokenFactory Tokens => Broker.Tokens;

    public static async Task<TargetWithBroker> StartAsync(
        IReadOnlyCollection<string>? defects = null,
        IReadOnlyList<string>? adminUsers = null,
        string profile = "pbench")
    {
        var clock = new FakeTimeProvider(Start);
        var journal = new Journal();
        var broker = await FakeBroker.StartAsync(clock, journal);
        try
        {
            var server = await ReferenceServerHost.StartAsync(new ReferenceServerOptions
            {
                BrokerUrl = broker.BaseUrl,
                Clock = clock,
                Journal = journal,
                Defects = defects ?? [],
                AdminUsers = adminUsers ?? [],
                Profile = profile,
            });
            broker.Login.TargetUrl = server.BaseUrl;
            return new TargetWithBroker(broker, server, clock);
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, HttpContent? content = null) =>
        SendRawAsync(method, path, token is null ? null : $"Bearer {token}", content);

    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string? authorization, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, token);

    public static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["message"]!.GetValue<string>();
    }

    public static string Challenge(HttpResponseMessage response) =>
        response.Headers.WwwAuthenticate.Count == 0 ? "" : string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString()));

    public static AuthenticationHeaderValue? FirstChallenge(HttpResponseMessage response) => response.Headers.WwwAuthenticate.FirstOrDefault();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await Broker.DisposeAsync();
    }
}
