using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PbenchAuthSpec.Protocol;

/// <summary>Records every request and response (excerpts) of a stand-in into the journal.</summary>
internal sealed class JournalMiddleware(RequestDelegate next, string server, Journal journal, TimeProvider clock)
{
    // One byte past the journal's cap, so that Journal.Add sees the body was longer and marks the cut.
    private readonly int _excerpt = journal.Limits.MaxBodyChars + 1;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/__admin", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var sequence = journal.NextSequence();
        var time = clock.GetUtcNow();
        var requestBody = await ReadRequestExcerptAsync(context.Request);
        var capture = new CaptureStream(context.Response.Body, _excerpt);
        context.Response.Body = capture;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = capture.Inner;
            journal.Add(new JournalEntry(
                sequence,
                time,
                server,
                context.Request.Method,
                $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}",
                Flatten(context.Request.Headers),
                requestBody,
                context.Response.StatusCode,
                Flatten(context.Response.Headers),
                capture.Text(),
                context.Items.TryGetValue(FaultMappingMiddleware.ItemKey, out var title) ? title as string : null));
        }
    }

    private async Task<string?> ReadRequestExcerptAsync(HttpRequest request)
    {
        if (request.ContentLength is null or 0 && !request.Headers.ContainsKey("Transfer-Encoding"))
        {
            return null;
        }

        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: 1024 * 1024);
        // Pooled: every journalled request with a body reads one excerpt (bench/: token load).
        var buffer = ArrayPool<byte>.Shared.Rent(_excerpt);
        string text;
        try
        {
            var read = 0;
            int n;
            while (read < _excerpt && (n = await request.Body.ReadAsync(buffer.AsMemory(read, _excerpt - read), request.HttpContext.RequestAborted)) > 0)
            {
                read += n;
            }

            text = Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException)
        {
            return $"(unreadable body: {e.Message})";
        }
        finally
        {
            request.Body.Position = 0;
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // Secrets in form bodies are replaced as the entry is added (Journal.Add).
        return text;
    }

    private static Dictionary<string, string> Flatten(IHeaderDictionary headers)
    {
        var result = new Dictionary<string, string>(headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            result[name] = value.ToString();
        }

        return result;
    }

    private sealed class CaptureStream(Stream inner, int limit) : Stream
    {
        private readonly MemoryStream _copy = new();

        public Stream Inner => inner;

        public string? Text() => _copy.Length == 0 ? null : Encoding.UTF8.GetString(_copy.GetBuffer(), 0, (int)_copy.Length);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            var room = limit - (int)_copy.Length;
            if (room > 0)
            {
                _copy.Write(bytes[..Math.Min(room, bytes.Length)]);
            }
        }
    }
}
