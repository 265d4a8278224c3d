using System.Net.Sockets;
using System.Text;

namespace PbenchAuthSpec.ReferenceServer.Tests.Support;

/// <summary>Sends bytes HttpClient would not send (duplicate headers, raw bytes, huge headers) and reads the answer.</summary>
public static class RawHttp
{
    public static async Task<(int Status, string Head, string Body)> SendAsync(string baseUrl, string request)
    {
        var uri = new Uri(baseUrl);
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(uri.Host, uri.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request), timeout.Token);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, timeout.Token);
        var bytes = received.ToArray();
        var split = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        var head = Encoding.ASCII.GetString(split < 0 ? bytes : bytes[..split]);
        var body = split < 0 ? [] : bytes[(split + 4)..];
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        var status = head.Length >= 12 && int.TryParse(head.AsSpan(9, 3), out var code) ? code : 0;
        return (status, head, Encoding.UTF8.GetString(body));
    }

    /// <summary>A GET with the given extra header lines, closing the connection after the answer.</summary>
    public static string Get(string baseUrl, string path, params string[] headers) =>
        $"GET {path} HTTP/1.1\r\nHost: {new Uri(baseUrl).Authority}\r\nConnection: close\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n";

    // RFC 9112 §7.1: size in hex, CRLF, data, CRLF; a zero size ends the body.
    private static byte[] Dechunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        var at = 0;
        while (at < chunked.Length)
        {
            var lineEnd = at + chunked.AsSpan(at).IndexOf("\r\n"u8);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(chunked, at, lineEnd - at).Split(';')[0], 16);
            if (size == 0)
            {
                break;
            }

            body.Write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }

        return body.ToArray();
    }
}
