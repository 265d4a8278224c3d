using System.Text;
using Microsoft.AspNetCore.Http;

namespace PbenchAuthSpec.Protocol;

/// <summary>
/// DNS rebinding: a page on <c>rebind.attacker.example</c> whose name is made to resolve to
/// 127.0.0.1 reaches a stand-in same-origin (to the browser) and could read its journal, tokens
/// and all. The browser still sends the attacker's name in <c>Host</c>, so a stand-in answers only
/// the names it was started for: its loopback names (127.0.0.1, localhost, [::1]) with its own
/// port, and the names given explicitly (<see cref="StandInHostOptions.AllowedHosts"/>). Anything
/// else gets 421 Misdirected Request (RFC 9110 §15.5.20) with a one-line body.
/// </summary>
internal sealed class HostFilterMiddleware(RequestDelegate next, AllowedHostNames names)
{
    private const int MaxShown = 100;

    public async Task InvokeAsync(HttpContext context)
    {
        if (names.Allows(context.Request.Host))
        {
            await next(context);
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status421MisdirectedRequest;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        await response.WriteAsync(
            $"Misdirected request: this server answers to {names.Describe()}, not to Host '{Shown(context.Request.Host.Value)}' (start it with --allowed-host NAME for another name).\n",
            context.RequestAborted);
    }

    // Only printable ASCII of what the client sent, and not much of it: the line stays one line.
    private static string Shown(string? host)
    {
        var text = new StringBuilder();
        foreach (var c in (host ?? "").Take(MaxShown))
        {
            text.Append(c is >= ' ' and < (char)0x7F ? c : '?');
        }

        return text.ToString();
    }
}
