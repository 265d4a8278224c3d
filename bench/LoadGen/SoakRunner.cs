namespace PbenchAuthSpec.LoadGen;

/// <summary>Drives the soak: login workers (each replays its spent code), hostile loops, memory samples.</summary>
public static class SoakRunner
{
    public static async Task<SoakResult> RunAsync(SoakPlan plan, LoginSettings settings, HostileTarget target, MemorySampler sampler, CancellationToken cancellationToken)
    {
        var tally = new LoginTally();
        var counters = new SoakCounters();
        using var replayHttp = LoginClient.CreateHttpClient(plan.Workers);
        var replayer = new LoginClient(replayHttp, settings);
        var sampling = sampler.RunAsync(plan.Duration, cancellationToken);
        var logins = LoginLoad.RunAsync(settings, plan.Workers, plan.Duration, tally, async (outcome, stop) =>
        {
            counters.Replay((int)await replayer.ReplayAsync(outcome.Code, stop));
            counters.Logout(outcome.RefreshToken is null ? 0 : (int)await replayer.LogoutAsync(outcome.RefreshToken, stop));
        }, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(plan.Duration);
        using var hostileHttp = LoginClient.CreateHttpClient(plan.HostileWorkers * 2);
        var hostile = Enumerable.Range(0, plan.HostileWorkers).Select(w => HostileLoopAsync(hostileHttp, target, w, counters, stop.Token)).ToArray();
        var leak = plan.InjectLeak ? InjectedLeak.RunAsync(hostileHttp, target.Broker, stop.Token) : Task.CompletedTask;

        var rate = await logins;
        await Task.WhenAll(hostile);
        await leak;
        await sampling;
        // Idle settle: what is still resident once the traffic has stopped (reported, not judged).
        await Task.Delay(plan.Settle, cancellationToken);
        return new SoakResult(tally, counters, rate, sampler.RssNow());
    }

    private static async Task HostileLoopAsync(HttpClient http, HostileTarget target, int worker, SoakCounters counters, CancellationToken stop)
    {
        var cases = HostileCatalogue.All;
        for (var n = worker; !stop.IsCancellationRequested; n++)
        {
            var raw = n % (cases.Count + RawHostile.Cases.Count);
            if (raw >= cases.Count)
            {
                var (name, bytes) = RawHostile.Cases[raw - cases.Count];
                await RawHostile.SendAsync(name.Contains("token", StringComparison.Ordinal) || n % 2 == 0 ? target.Broker : target.Idp, name, bytes, counters, stop);
                continue;
            }

            await SendAsync(http, cases[raw], target, counters, stop);
        }
    }

    private static async Task SendAsync(HttpClient http, HostileCase hostile, HostileTarget target, SoakCounters counters, CancellationToken stop)
    {
        using var request = hostile.Build(target);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
            counters.Answered(hostile.Name, (int)response.StatusCode, response.Headers.Location, hostile.Expect);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (OperationCanceledException)
        {
            counters.Unanswer(hostile.Name, "nothing within 10 s");
        }
        catch (HttpRequestException e) when (hostile.MayClose && e.InnerException is IOException)
        {
            counters.Closed(hostile.Name);
        }
        catch (HttpRequestException e)
        {
            counters.Unanswer(hostile.Name, e.Message);
        }
    }
}
