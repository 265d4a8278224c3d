using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PbenchAuthSpec.Protocol;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// For --until-step: what the pages write to sessionStorage and localStorage, as they write it
/// (a dashboard keeps its PKCE verifier, nonce and state there, and a page that navigated to the
/// IdP can no longer be asked for them). Only state.json reads it: no verdict depends on it.
/// </summary>
public sealed class StorageRecorder
{
    private const string Binding = "__pbenchAuthSpecStorage";

    // Wraps Storage.prototype.setItem in every frame before the page's own scripts run.
    private const string Script = """
        (() => {
          const set = Storage.prototype.setItem;
          Storage.prototype.setItem = function (key, value) {
            try { window.__pbenchAuthSpecStorage(JSON.stringify({ area: this === window.sessionStorage ? 'session' : 'local', key: String(key), value: String(value) })); } catch (e) { }
            return set.apply(this, arguments);
          };
        })();
        """;

    private readonly ConcurrentQueue<JsonObject> _writes = new();

    public static async Task<StorageRecorder> StartAsync(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var recorder = new StorageRecorder();
        await context.ExposeBindingAsync<string>(Binding, (source, json) => recorder.Add(source, json));
        await context.AddInitScriptAsync(Script);
        return recorder;
    }

    /// <summary>Every write, in order: origin, area, key and value.</summary>
    public IReadOnlyList<JsonObject> Writes => [.. _writes];

    /// <summary>The stored string whose S256 hash is <paramref name="codeChallenge"/> (RFC 7636 §4.2): the dashboard's verifier.</summary>
    public string? VerifierFor(string? codeChallenge) =>
        codeChallenge is null ? null : _writes.SelectMany(w => Strings(w["value"]?.GetValue<string>())).FirstOrDefault(s => Pkce.S256(s) == codeChallenge);

    private void Add(BindingSource source, string json)
    {
        if (_writes.Count >= 500 || JsonNode.Parse(json) is not JsonObject write)
        {
            return;
        }

        write["origin"] = source.Frame?.Url is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
        _writes.Enqueue(write);
    }

    // The value itself and, when it is JSON (keycloak-js stores an object), every string inside it.
    private static IEnumerable<string> Strings(string? value)
    {
        if (value is null)
        {
            yield break;
        }

        yield return value;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            yield break;
        }

        foreach (var text in Flatten(node))
        {
            yield return text;
        }
    }

    private static IEnumerable<string> Flatten(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Flatten(p.Value)),
        JsonArray a => a.SelectMany(Flatten),
        JsonValue v when v.TryGetValue(out string? s) => [s],
        _ => [],
    };
}
