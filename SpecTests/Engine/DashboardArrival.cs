using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PbenchAuthSpec.SpecTests.Settings;

namespace PbenchAuthSpec.SpecTests.Engine;

/// <summary>
/// Back from the broker: waits for the dashboard's verdict on the login, whichever comes first —
/// its status says logged in, its status says error (when the preset names an error text), or its
/// console shows its client library refusing the tokens (keycloak-js's "Invalid nonce"). Never
/// faults: a verdict that does not come in time is <see cref="ArrivalKind.TimedOut"/>.
/// </summary>
public sealed class DashboardArrival
{
    /// <summary>Console lines by which a client library says it threw the broker's tokens away.</summary>
    public static readonly IReadOnlyList<string> Refusals = ["Invalid nonce"];

    private readonly IPage _page;
    private readonly DashboardSelectors _preset;
    private readonly string _username;
    private readonly int _timeoutMs;
    private readonly TaskCompletionSource<string> _refusal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task<ArrivalOutcome>? _outcome;

    public DashboardArrival(IPage page, DashboardSelectors preset, string username, int timeoutMs)
    {
        ArgumentNullException.ThrowIfNull(page);
        _page = page;
        _preset = preset;
        _username = username;
        _timeoutMs = timeoutMs;
        page.Console += OnConsole;
    }

    /// <summary>The verdict (started once; later calls get the same task).</summary>
    public Task<ArrivalOutcome> WaitAsync() => _outcome ??= DecideAsync();

    private void OnConsole(object? sender, IConsoleMessage message)
    {
        if (Refusals.Any(r => message.Text.Contains(r, StringComparison.Ordinal)))
        {
            _refusal.TrySetResult($"{message.Type}: {message.Text}");
        }
    }

    private async Task<ArrivalOutcome> DecideAsync()
    {
        try
        {
            var status = _page.Locator(_preset.Status);
            var loggedIn = Wait(status, LoggedInPattern());
            var error = _preset.Error is { } e ? Wait(status, new Regex($@"^\s*{Regex.Escape(e)}")) : null;
            var waits = new List<Task> { loggedIn, _refusal.Task };
            if (error is not null)
            {
                waits.Add(error);
            }

            // The waits that lose keep running to their own timeouts: observed, never left to fault unseen.
            foreach (var wait in waits)
            {
                _ = wait.ContinueWith(t => t.Exception, TaskScheduler.Default);
            }

            while (true)
            {
                var done = await Task.WhenAny(waits);
                if (done == _refusal.Task)
                {
                    return new ArrivalOutcome(ArrivalKind.Refused, _refusal.Task.Result);
                }

                if (done.IsCompletedSuccessfully)
                {
                    var text = (await status.First.InnerTextAsync()).Trim();
                    return new ArrivalOutcome(done == loggedIn ? ArrivalKind.LoggedIn : ArrivalKind.Error, text);
                }

                if (done == loggedIn)
                {
                    return new ArrivalOutcome(ArrivalKind.TimedOut, null);
                }

                waits.Remove(done);
            }
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            return new ArrivalOutcome(ArrivalKind.TimedOut, null);
        }
        finally
        {
            _page.Console -= OnConsole;
        }
    }

    private Regex LoggedInPattern()
    {
        var text = Regex.Escape(_preset.LoggedInText(_username));
        return new Regex(_preset.LoggedInMatch == "contains" ? text : $@"^\s*{text}\s*$");
    }

    private Task Wait(ILocator status, Regex text) =>
        status.Filter(new LocatorFilterOptions { HasTextRegex = text }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = _timeoutMs });
}
