using System.Diagnostics;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.Cli.Tests;

/// <summary>
/// Ctrl-C in the middle of the rotated-key control: the run (its own process, reaching the broker
/// over HTTP, as against a <c>serve</c> stack) puts the broker's original key back before it exits,
/// so a target that read the key once is not left refusing every token.
/// </summary>
[NonParallelizable]
public sealed class InterruptedRunTests
{
    [Test]
    public async Task Ctrl_C_during_the_rotation_control_restores_the_brokers_key_before_the_run_exits()
    {
        await using var stack = await StandInStack.StartAsync();
        var original = stack.Broker.SigningKey().Kid;
        // The run's calls to the target wait while the broker is rotated: that is the moment to interrupt it.
        await using var proxy = await HoldingProxy.StartAsync(stack.TargetUrl, () => stack.Broker.SigningKey().Kid != original);
        stack.Urls.Set("target", proxy.BaseUrl);
        var artifacts = Directory.CreateTempSubdirectory("pbench-auth-spec-interrupted-").FullName;
        var info = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "bash", RunScript.Path, "--artifacts", artifacts, "--target", proxy.BaseUrl, "--broker", stack.RealmUrl, "--no-dashboard", "--trace", "off", "--catalogue", FixturePaths.File("targets", "reference-server.json") })
        {
            info.ArgumentList.Add(arg);
        }

        using var run = Process.Start(info) ?? throw new InvalidOperationException("setsid did not start.");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            var stdout = run.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = run.StandardError.ReadToEndAsync(timeout.Token);
            var exited = run.WaitForExitAsync(timeout.Token);
            (await Task.WhenAny(proxy.Held, exited)).Should().Be(proxy.Held, $"the run reaches its rotation control (it ended first: {await Ended(stdout, stderr, exited)})");
            stack.Broker.SigningKey().Kid.Should().NotBe(original, "the run rotated the broker's key");

            // Ctrl-C: SIGINT to the run's whole process group (bash, dotnet test, the test host).
            using (var interrupt = Process.Start("kill", ["-INT", "--", $"-{run.Id}"]))
            {
                await interrupt.WaitForExitAsync(timeout.Token);
            }

            await exited;
            stack.Broker.SigningKey().Kid.Should().Be(original, $"the interrupted run restored the key before exiting ({await stdout}{await stderr})");
        }
        finally
        {
            if (!run.HasExited)
            {
                run.Kill(entireProcessTree: true);
            }

            Directory.Delete(artifacts, recursive: true);
        }
    }

    private static async Task<string> Ended(Task<string> stdout, Task<string> stderr, Task exited) =>
        exited.IsCompleted ? await stdout + await stderr : "still running";
}
