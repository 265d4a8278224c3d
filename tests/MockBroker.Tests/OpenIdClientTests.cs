using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.MockBroker.Tests.Support;

namespace PbenchAuthSpec.MockBroker.Tests;

/// <summary>
/// A client library nobody here wrote: openid-client (npm, pinned in OpenIdClient/package.json)
/// introspects and revokes through the endpoints the realm's discovery names. Keycloak:
/// services/src/main/java/org/keycloak/protocol/oidc/endpoints/TokenIntrospectionEndpoint.java and TokenRevocationEndpoint.java.
/// </summary>
[NonParallelizable]
public sealed class OpenIdClientTests
{
    private static readonly NpmHarness Harness = new("OpenIdClient", "openid-client");

    [Test]
    public async Task Openid_client_introspect_and_revoke_work_against_the_broker()
    {
        await Harness.EnsureInstalledAsync();
        await using var stack = await BrokerTestStack.StartAsync(o => o with { Clock = TimeProvider.System });
        using var browser = stack.NewBrowser();
        var tokens = await TokenEndpointTests.Password(stack, "bob", "bob-password");

        var output = await RunNodeAsync("introspect-revoke.js", stack.RealmUrl, tokens["access_token"]!.GetValue<string>(), tokens["refresh_token"]!.GetValue<string>());
        var result = JsonNode.Parse(output)!;

        result["before"]!["active"]!.GetValue<bool>().Should().BeTrue();
        result["before"]!["username"]!.GetValue<string>().Should().Be("bob");
        result["before"]!["client_id"]!.GetValue<string>().Should().Be("pbench-client");
        result["after"]!["active"]!.GetValue<bool>().Should().BeFalse("revoke() revoked it");
        await TokenEndpointTests.ExpectError(await TokenEndpointTests.Refresh(browser, stack, tokens), HttpStatusCode.BadRequest, "invalid_grant");
    }

    private static async Task<string> RunNodeAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Harness.InstallFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var stdout = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.Should().Be(0, await stderr);
        return stdout;
    }
}
