using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Engine;
using PbenchAuthSpec.SpecTests.Reports;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.SpecTests.Tests.Runs;

/// <summary>
/// One verdict whatever the set-up: the stand-ins embedded, in one <c>serve</c>, or MockIdp,
/// MockBroker and ReferenceServer each started from its own command line give the same verdict
/// for every check; and a <c>serve --target</c> stack gives the same verdicts run after run.
/// </summary>
[NonParallelizable]
public sealed class SetUpEquivalenceTests
{
    private static readonly (string, string) Catalogue = ("CATALOGUE", FixturePaths.File("targets", "reference-server.json"));

    // With one defect on, so the comparison covers failing checks as well as the passing rest.
    [Test]
    public async Task Embedded_one_serve_and_separate_processes_give_the_same_verdict_for_every_check()
    {
        const string Defect = "ignore-iss";
        var embedded = await SharedBrowser.RunAsync(SharedBrowser.Settings(Catalogue, ("DEFECTS", Defect)));
        var served = await ServedAsync(Defect);
        var separate = await SeparateAsync(Defect);
        var inProcess = await InProcessAsync(Defect);

        embedded.Steps.SelectMany(s => s.Checks).Where(c => c.Verdict is not (Verdict.Pass or Verdict.Skip)).Select(c => c.Id).Should().Equal(["s20.wrong-iss"], embedded.Problems());
        VerdictComparison.Differences("embedded", embedded, "serve", served).Should().BeEmpty();
        VerdictComparison.Differences("embedded", embedded, "separate", separate).Should().BeEmpty();
        VerdictComparison.Differences("embedded", embedded, "in-process", inProcess).Should().BeEmpty();
    }

    [Test]
    public async Task Two_runs_in_a_row_against_one_serve_target_stack_give_the_same_verdicts()
    {
        var port = StandaloneServer.FreePorts(1)[0];
        await using var serve = await StandaloneServer.StartAsync("Cli", "serve", "--target", $"http://127.0.0.1:{port}", "--json");
        var urls = JsonNode.Parse(serve.FirstLine)!;
        await using var target = await StandaloneServer.StartAsync("ReferenceServer", "--urls", $"http://127.0.0.1:{port}", "--broker-url", (string)urls["broker"]!);
        var settings = () => SharedBrowser.Settings(("TARGET", (string)urls["target"]!), ("BROKER", (string)urls["realm"]!), Catalogue);

        var first = await SharedBrowser.RunAsync(settings());
        var second = await SharedBrowser.RunAsync(settings());

        first.Summary.RunVerdict.Should().Be("pass", first.Problems());
        VerdictComparison.Differences("first", first, "second", second).Should().BeEmpty();
    }

    // ./pbench-auth-spec serve --json as its own process, reached over HTTP only.
    private static async Task<SpecReport> ServedAsync(string defect)
    {
        await using var serve = await StandaloneServer.StartAsync("Cli", "serve", "--json", "--defect", defect);
        var urls = JsonNode.Parse(serve.FirstLine)!;
        return await SharedBrowser.RunAsync(SharedBrowser.Settings(("TARGET", (string)urls["target"]!), ("BROKER", (string)urls["realm"]!), Catalogue));
    }

    // The stack the tests start in-process (StandIns), walked over its URLs as any target.
    private static async Task<SpecReport> InProcessAsync(string defect)
    {
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { Defects = [defect] });
        return await SharedBrowser.RunAsync(SharedBrowser.Settings(Catalogue, ("DEFECTS", defect)), EmbeddedTarget.At(stack.TargetUrl, stack.RealmUrl));
    }

    // MockIdp, MockBroker and ReferenceServer each from its own command line, told each other's URLs.
    private static async Task<SpecReport> SeparateAsync(string defect)
    {
        var ports = StandaloneServer.FreePorts(3);
        var (idpUrl, brokerUrl, targetUrl) = ($"http://127.0.0.1:{ports[0]}", $"http://127.0.0.1:{ports[1]}", $"http://127.0.0.1:{ports[2]}");
        await using var idp = await StandaloneServer.StartAsync("MockIdp", "--urls", idpUrl, "--broker-url", brokerUrl);
        await using var broker = await StandaloneServer.StartAsync("MockBroker", "--urls", brokerUrl, "--idp-url", idpUrl, "--target-url", targetUrl);
        await using var target = await StandaloneServer.StartAsync("ReferenceServer", "--urls", targetUrl, "--broker-url", brokerUrl, "--defect", defect);
        return await SharedBrowser.RunAsync(SharedBrowser.Settings(("TARGET", target.Url), ("BROKER", $"{brokerUrl}/realms/pbench-server"), Catalogue));
    }
}
