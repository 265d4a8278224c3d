using System.Diagnostics;

namespace PbenchAuthSpec.LoadGen;

/// <summary>
/// Complete logins by <c>workers</c> concurrent loops until the time is up. Each worker logs in
/// as the fixture users in turn, so concurrent logins of different users interleave.
/// </summary>
public static class LoginLoad
{
    public static async Task<double> RunAsync(
        LoginSettings settings, int workers, TimeSpan duration, LoginTally tally, Func<LoginOutcome, CancellationToken, Task>? after, CancellationToken cancellationToken)
    {
        using var http = LoginClient.CreateHttpClient(workers * 2);
        var client = new LoginClient(http, settings);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, workers).Select(w => WorkerAsync(client, w, tally, after, stop.Token)).ToArray();
        await Task.WhenAll(loops);
        cancellationToken.ThrowIfCancellationRequested();
        return tally.Completed / clock.Elapsed.TotalSeconds;
    }

    private static async Task WorkerAsync(
        LoginClient client, int worker, LoginTally tally, Func<LoginOutcome, CancellationToken, Task>? after, CancellationToken stop)
    {
        for (var n = worker; !stop.IsCancellationRequested; n++)
        {
            var user = LoginUser.Fixture[n % LoginUser.Fixture.Count];
            try
            {
                var outcome = await client.LoginAsync(user.Username, user.Password, stop);
                tally.Record(outcome);
                if (after is not null)
                {
                    await after(outcome, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is LoginFailedException or HttpRequestException or OperationCanceledException or System.Text.Json.JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                tally.RecordLost(e is OperationCanceledException ? "no answer within 10 s (hang)" : $"{e.GetType().Name}: {e.Message}");
            }
        }
    }
}
