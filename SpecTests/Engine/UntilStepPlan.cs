using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// --until-step N: where the walk really stops, why, and what is kept for the person: the
/// embedded stand-ins stay up (until Ctrl-C) so state.json can be replayed against them, and a
/// visible browser stays open until it is closed.
/// </summary>
public static class UntilStepPlan
{
    /// <summary>The file ./pbench-auth-spec run waits for (in its hand-off folder) before it shows the held stack.</summary>
    public const string HoldingFile = "holding";

    /// <summary>The file ./pbench-auth-spec run creates on Ctrl-C: the held run then finishes.</summary>
    public const string ReleaseFile = "release";

    public sealed record Held(SpecSettings Settings, SpecTarget Target, IBrowser Browser, IPage? Page, string StatePath, string State, int StoppedAfter, string? IdpOrigin);

    /// <summary>
    /// Steps 9–16 are a chain of redirects (IdP → broker → dashboard → token request) with no page
    /// of the browser's to stop on: the walk goes on to step 16, and every step up to it is judged.
    /// </summary>
    public static int StoppedAfter(int untilStep) => untilStep is >= 9 and < 16 ? 16 : untilStep;

    public static string? Why(int untilStep) => StoppedAfter(untilStep) == untilStep
        ? null
        : $"--until-step {untilStep}: steps 9–16 are one chain of redirects (the IdP's answer to the credentials, the broker's to the IdP, the dashboard's token request) with no page to stop on, "
          + "so the walk went on to step 16 and stopped there (steps 1–16 are judged; state.json has step 12's code and step 16's tokens). "
          + "To take steps 9–16 by hand, use --until-step 8 and replay state.json's next request.";

    /// <summary>Keeps what the person needs until they are done: the open browser (--headed), or the embedded stack (until Ctrl-C).</summary>
    public static async Task HoldAsync(Held held, Action<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        var handoff = Environment.GetEnvironmentVariable(EnvironmentOverrides.Prefix + "HANDOFF");
        var headed = !held.Settings.Browser.Headless && held.Page is { IsClosed: false };
        var stack = held.Target.Owned as StandInProcess;
        if (!headed && (stack is null || string.IsNullOrEmpty(handoff)))
        {
            return;
        }

        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (headed)
        {
            held.Page!.Close += (_, _) => released.TrySetResult();
            held.Browser.Disconnected += (_, _) => released.TrySetResult();
        }

        using var watcher = string.IsNullOrEmpty(handoff) ? null : WatchRelease(handoff, released);
        var banner = Banner(held, stack, headed);
        progress?.Invoke(banner);
        if (!string.IsNullOrEmpty(handoff))
        {
            // First line: the run folder (console.txt is shown from it), then the banner.
            await File.WriteAllTextAsync(Path.Combine(handoff, HoldingFile), $"{Path.GetDirectoryName(held.StatePath)}\n{banner}\n", cancellationToken);
        }

        if (!string.IsNullOrEmpty(handoff) && File.Exists(Path.Combine(handoff, ReleaseFile)))
        {
            return;
        }

        await released.Task.WaitAsync(cancellationToken);
    }

    private static FileSystemWatcher WatchRelease(string folder, TaskCompletionSource released)
    {
        var watcher = new FileSystemWatcher(folder, ReleaseFile) { EnableRaisingEvents = true };
        watcher.Created += (_, _) => released.TrySetResult();
        return watcher;
    }

    private static string Banner(Held held, StandInProcess? stack, bool headed)
    {
        var text = new StringBuilder();
        var keep = headed ? $"the browser stays open at {held.Page!.Url} until you close it" : "the embedded stand-ins stay up until Ctrl-C";
        text.Append($"pbench-auth-spec: stopped after step {held.StoppedAfter}; {keep}:\n");
        text.Append($"  target  {held.Target.TargetUrl}\n");
        text.Append($"  realm   {held.Target.RealmUrl}\n");
        if ((held.IdpOrigin ?? stack?.Urls.Idp) is { } idp)
        {
            text.Append($"  idp     {idp}\n");
        }

        text.Append($"  state   {held.StatePath} (cookies, the dashboard's state, nonce and PKCE verifier, codes, tokens, journal)\n");
        var next = JsonNode.Parse(held.State)?["next"];
        text.Append($"  next    step {next?["step"]}: {(next?["curl"] is { } curl ? (string?)curl : (string?)next?["what"])}");
        return text.ToString();
    }
}
