using System.Diagnostics;
using FluentAssertions;
using NUnit.Framework;

namespace PbenchAuthSpec.Cli.Tests;

/// <summary>
/// The front door builds only when sources changed, and runs started together build one at a time:
/// checked on a copy of the script whose build is a stand-in the test releases (no real build).
/// </summary>
public sealed class FrontDoorBuildTests
{
    private const string Building = "building";
    private const string Waiting = "waiting for another build…";

    [Test]
    public async Task Two_runs_started_together_after_an_edit_build_once_and_the_second_waits_for_the_first()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var scratch = await FrontDoorScratch.CreateAsync(timeout.Token);

        var first = scratch.StartBuild();
        var firstLines = await ReadUntilAsync(first, Building, timeout.Token);
        var second = scratch.StartBuild();
        var secondLines = await ReadUntilAsync(second, Waiting, timeout.Token);
        await scratch.ReleaseBuildAsync(timeout.Token);
        firstLines.AddRange(await FinishAsync(first, timeout.Token));
        secondLines.AddRange(await FinishAsync(second, timeout.Token));

        first.ExitCode.Should().Be(0);
        second.ExitCode.Should().Be(0);
        scratch.Builds.Should().Be(1);
        firstLines.Concat(secondLines).Count(l => l.Contains(Building, StringComparison.Ordinal)).Should().Be(1);
        secondLines.Should().ContainSingle(l => l.Contains(Waiting, StringComparison.Ordinal));
        firstLines.Should().NotContain(l => l.Contains(Waiting, StringComparison.Ordinal));
    }

    [Test]
    public async Task A_run_after_a_finished_build_with_no_edit_does_not_build()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var scratch = await FrontDoorScratch.CreateAsync(timeout.Token);
        await BuildOnceAsync(scratch, whileBuilding: null, timeout.Token);

        var again = scratch.StartBuild();
        var lines = await FinishAsync(again, timeout.Token);

        again.ExitCode.Should().Be(0);
        lines.Should().BeEmpty();
        scratch.Builds.Should().Be(1);
    }

    [Test]
    public async Task A_source_saved_while_a_build_runs_makes_the_next_run_build_again()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var scratch = await FrontDoorScratch.CreateAsync(timeout.Token);
        await BuildOnceAsync(scratch, scratch.TouchSource, timeout.Token);

        var again = scratch.StartBuild();
        var lines = await ReadUntilAsync(again, Building, timeout.Token);
        await scratch.ReleaseBuildAsync(timeout.Token);
        lines.AddRange(await FinishAsync(again, timeout.Token));

        again.ExitCode.Should().Be(0);
        lines.Should().ContainSingle(l => l.Contains(Building, StringComparison.Ordinal));
        scratch.Builds.Should().Be(2);
    }

    /// <summary>One build from start to end, running <paramref name="whileBuilding"/> while the stand-in build is blocked.</summary>
    private static async Task BuildOnceAsync(FrontDoorScratch scratch, Action? whileBuilding, CancellationToken cancellationToken)
    {
        var process = scratch.StartBuild();
        await ReadUntilAsync(process, Building, cancellationToken);
        whileBuilding?.Invoke();
        await scratch.ReleaseBuildAsync(cancellationToken);
        await FinishAsync(process, cancellationToken);
        process.ExitCode.Should().Be(0);
    }

    /// <summary>Stderr lines up to and including the first that contains <paramref name="marker"/>.</summary>
    private static async Task<List<string>> ReadUntilAsync(Process process, string marker, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (await process.StandardError.ReadLineAsync(cancellationToken) is { } line)
        {
            lines.Add(line);
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                return lines;
            }
        }

        throw new AssertionException($"the front door ended without saying '{marker}'; it said: {string.Join(" | ", lines)}");
    }

    /// <summary>The rest of stderr, once the process has exited.</summary>
    private static async Task<List<string>> FinishAsync(Process process, CancellationToken cancellationToken)
    {
        var rest = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return rest.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
