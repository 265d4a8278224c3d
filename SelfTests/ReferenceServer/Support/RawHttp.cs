using System.Net.Sockets;
using System.Text;

namespace PbenchAuthSpec.SelfTests.ReferenceServer.Support;

/// <summary>Sends bytes HttpClient would not send (duplicate headers, broken framing) and reads the answer.</summary>
public static class RawHttp
{
    public static async Task<(int Status, string Head, string Body)> SendAsync(string baseUrl, string request)
    {
        var uri = new Uri(baseUrl);
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(uri.Host, uri.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        client.Client.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(timeout.Token);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? "" : text[(split + 4)..];
        var status = head.Length >= 12 && int.TryParse(head.AsSpan(9, 3), out var code) ? code : 0;
        return (status, head, body);
    }

    /// <summary>A GET with the given extra header lines, closing the connection after the answer.</summary>
    public static string Get(string baseUrl, string path, params string[] headers) =>
        $"GET {path} HTTP/1.1\r\nHost: {new Uri(baseUrl).Authority}\r\nConnection: close\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n";
}
