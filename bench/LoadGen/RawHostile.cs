using System.Net.Sockets;
using System.Text;

namespace PbenchAuthSpec.LoadGen;

/// <summary>Requests no HTTP client would send: broken request lines, raw non-UTF-8 bytes, lying lengths.</summary>
public static class RawHostile
{
    /// <summary>Written with <c>Host: {host}</c>, replaced by the server's own authority as it is sent, so each case reaches the parser it aims at.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Cases { get; } =
    [
        ("raw non-UTF-8 bytes in the request line", [.. "GET /realms/pbench-server/protocol/openid-connect/auth?state="u8, 0xFF, 0xFE, 0xC3, 0x28, .. " HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"u8]),
        ("raw header without a colon", Encoding.ASCII.GetBytes("GET /realms/pbench-server HTTP/1.1\r\nHost: {host}\r\nNoColonHere\r\nConnection: close\r\n\r\n")),
        ("raw Content-Length larger than the body", Encoding.ASCII.GetBytes("POST /realms/pbench-server/protocol/openid-connect/token HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 50\r\nConnection: close\r\n\r\ngrant_type=x")),
        ("raw negative Content-Length", Encoding.ASCII.GetBytes("POST /token HTTP/1.1\r\nHost: {host}\r\nContent-Length: -5\r\nConnection: close\r\n\r\n")),
        ("raw garbage instead of HTTP", [0x16, 0x03, 0x01, 0x00, 0xA5, 0x01, 0x00, 0x00, 0xA1, 0x03, 0x03, 0x0D, 0x0A, 0x0D, 0x0A]),
        ("raw request with a foreign Host (DNS rebinding)", Encoding.ASCII.GetBytes("GET /__admin/requests HTTP/1.1\r\nHost: rebind.evil.example\r\nConnection: close\r\n\r\n")),
        ("raw request without a Host", Encoding.ASCII.GetBytes("GET /__admin/requests HTTP/1.0\r\n\r\n")),
    ];

    /// <summary>The status a security rule demands of a case (421: not a name the server was started for).</summary>
    public static int? Expected(string name) => name.Contains("Host", StringComparison.Ordinal) ? 421 : null;

    /// <summary>
    /// Sends the bytes and reads the status line. A server may close a connection it cannot parse
    /// once it has answered 400; it must neither hang past the timeout nor answer 5xx.
    /// </summary>
    public static async Task SendAsync(Uri server, string name, byte[] bytes, SoakCounters counters, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(server.Host, server.Port, timeout.Token);
            var stream = tcp.GetStream();
            await stream.WriteAsync(WithHost(bytes, server.Authority), timeout.Token);
            var buffer = new byte[256];
            var read = await stream.ReadAtLeastAsync(buffer, 12, throwOnEndOfStream: false, timeout.Token);
            var head = Encoding.ASCII.GetString(buffer, 0, read);
            if (head.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(head.AsSpan(9, 3), out var status))
            {
                counters.Answered(name, status, null, Expected(name));
            }
            else if (read == 0)
            {
                // Not HTTP at all (e.g. a TLS hello): closing the connection is a fine answer.
                counters.Closed(name);
            }
            else
            {
                counters.Unanswer(name, $"not HTTP: {head[..Math.Min(40, head.Length)]}");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The soak's time is up: this request is not counted.
        }
        catch (OperationCanceledException)
        {
            counters.Unanswer(name, "nothing within 15 s");
        }
        catch (IOException)
        {
            counters.Closed(name);
        }
        catch (SocketException e)
        {
            counters.Unanswer(name, e.Message);
        }
    }

    private static byte[] WithHost(byte[] bytes, string authority)
    {
        var marker = "{host}"u8;
        var at = bytes.AsSpan().IndexOf(marker);
        return at < 0 ? bytes : [.. bytes.AsSpan(0, at), .. Encoding.ASCII.GetBytes(authority), .. bytes.AsSpan(at + marker.Length)];
    }
}
