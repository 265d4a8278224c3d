using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PbenchAuthSpec.SpecTests.Tests.Engine;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1:0 that answers every request with <c>Connection: close</c>
/// and closes the connection after the body, as the real Pbench server's front end does: each
/// path's answer is fixed at start (status, content type, body).
/// </summary>
internal sealed class ClosingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly IReadOnlyDictionary<string, (string ContentType, string Body)> _answers;
    private readonly Task _loop;
    private int _served;

    private ClosingServer(IReadOnlyDictionary<string, (string ContentType, string Body)> answers)
    {
        _answers = answers;
        _listener.Start();
        _loop = AcceptAsync();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Requests answered so far.</summary>
    public int Served => Volatile.Read(ref _served);

    public static ClosingServer Start(IReadOnlyDictionary<string, (string ContentType, string Body)> answers) => new(answers);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = AnswerAsync(client);
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                var path = head.Split(' ', 3) is [_, var target, _] ? target.Split('?')[0] : "/";
                var (status, type, body) = _answers.TryGetValue(path, out var answer) ? ("200 OK", answer.ContentType, answer.Body) : ("404 Not Found", "text/plain", "not found");
                var bytes = Encoding.UTF8.GetBytes(body);
                var header = $"HTTP/1.1 {status}\r\nContent-Type: {type}\r\nContent-Length: {bytes.Length}\r\nCache-Control: no-store\r\nAccess-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(header), _stop.Token);
                await stream.WriteAsync(bytes, _stop.Token);
                await stream.FlushAsync(_stop.Token);
                Interlocked.Increment(ref _served);
                client.Client.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The browser gave up on this connection; nothing to answer.
            }
        }
    }

    // The request line and headers; a GET has no body to read.
    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 16 * 1024)
        {
            if (await stream.ReadAsync(buffer, _stop.Token) == 0)
            {
                break;
            }

            head.Append((char)buffer[0]);
        }

        return head.ToString();
    }
}
