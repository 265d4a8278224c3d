using System.Diagnostics;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Engine;
using PbenchAuthSpec.SpecTests.Reports;
using PbenchAuthSpec.SpecTests.Settings;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.SpecTests.Tests.Runs;

/// <summary>
/// <c>--broker-admin-changes</c> against MockBroker's foreign mode (a Keycloak the harness does
/// not own), through Keycloak's admin REST API only: the checks a foreign broker hides come back
/// with real tokens, and the broker is as it was afterwards (its admin listings compared).
/// </summary>
[NonParallelizable]
public sealed class BrokerAdminChangesRunTests
{
    // The catalogue's six step-19 rows, then the admin-from-another-client row.
    private const string AdminRow = "s19.7";

    [Test]
    public async Task Broker_admin_changes_catch_accept_expired_ignore_aud_admin_from_any_client_and_key_read_once_and_undo_every_change()
    {
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions
        {
            ForeignBroker = true, Defects = ["accept-expired", "ignore-aud", "admin-from-any-client", "key-read-once"],
        });
        var before = await BrokerStateAsync(stack);

        var report = await SharedBrowser.RunAsync(Settings(stack));

        report.Summary.RunVerdict.Should().Be("fail");
        Verdict(report, "s20.expired").Should().Be(Checks.Verdict.Fail, "accept-expired takes the temporary client's real token after its exp");
        Verdict(report, "s20.aud-without-audience").Should().Be(Checks.Verdict.Fail, "ignore-aud takes admin-cli's real token");
        Verdict(report, AdminRow).Should().Be(Checks.Verdict.Fail, "admin-from-any-client lets the other user in with ADMIN of the temporary client");
        Verdict(report, "s20.control.rotated-key").Should().Be(Checks.Verdict.Fail, "key-read-once refuses the token signed by the added key provider");
        (await BrokerStateAsync(stack)).Should().Be(before, "every change was undone");
        report.Changes.Should().OnlyContain(c => c.System == "broker" && c.Restored, string.Join("\n", report.Changes));
    }

    [Test]
    public async Task A_clean_run_with_broker_admin_changes_passes_recovers_the_hidden_checks_and_lists_each_change()
    {
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { ForeignBroker = true });
        var before = await BrokerStateAsync(stack);

        var report = await SharedBrowser.RunAsync(Settings(stack));

        report.Summary.RunVerdict.Should().Be("pass", report.Problems());
        report.Summary.ExitCode.Should().Be(0);
        Check(report, "s20.expired").Should().Match<Check>(c => c.Verdict == Checks.Verdict.Pass && c.Title.Contains($"a real token of the temporary client {BrokerAdminChanges.TemporaryClient}", StringComparison.Ordinal));
        Check(report, AdminRow).Should().Match<Check>(c => c.Verdict == Checks.Verdict.Pass && c.Rule.Contains("a real token for the other user", StringComparison.Ordinal));
        Check(report, "s20.control.rotated-key").Should().Match<Check>(c => c.Verdict == Checks.Verdict.Pass && c.Title.Contains(BrokerAdminChanges.KeyProvider, StringComparison.Ordinal));
        report.Changes.Select(c => c.Check).Should().Equal("s20.expired", AdminRow, "s20.control.rotated-key");
        report.Changes.Should().OnlyContain(c => c.Restored);
        ConsoleTable.Render(report).Should().Contain($"changed on the broker: client {BrokerAdminChanges.TemporaryClient} created");
        (await BrokerStateAsync(stack)).Should().Be(before);
    }

    [Test]
    public async Task What_a_killed_run_left_on_the_broker_is_removed_before_the_next_run_and_reported()
    {
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { ForeignBroker = true });
        var before = await BrokerStateAsync(stack);
        var original = stack.Broker.SigningKey().Kid;
        using (var admin = await AdminClient.StartAsync(stack.Broker.BaseUrl))
        {
            var client = await admin.CreateAsync("/admin/realms/pbench-server/clients", $$"""{"clientId": "{{BrokerAdminChanges.TemporaryClient}}", "publicClient": true}""");
            await admin.CreateAsync($"/admin/realms/pbench-server/clients/{client}/roles", """{"name": "ADMIN"}""");
            var role = await admin.GetAsync<JsonObject>($"/admin/realms/pbench-server/clients/{client}/roles/ADMIN");
            var bob = (await admin.GetAsync<JsonArray>("/admin/realms/pbench-server/users?username=bob&exact=true"))[0]!["id"]!.GetValue<string>();
            await admin.NoContentAsync(HttpMethod.Post, $"/admin/realms/pbench-server/users/{bob}/role-mappings/clients/{client}", new JsonArray(role.DeepClone()).ToJsonString());
            await admin.CreateAsync("/admin/realms/pbench-server/components", $$$"""{"name": "{{{BrokerAdminChanges.KeyProvider}}}", "providerId": "rsa-generated", "providerType": "org.keycloak.keys.KeyProvider", "config": {"priority": ["1000"]}}""");
        }

        stack.Broker.SigningKey().Kid.Should().NotBe(original, "the left-over key provider signs");

        var report = await SharedBrowser.RunAsync(Settings(stack));

        report.Summary.RunVerdict.Should().Be("pass", report.Problems());
        report.Changes[0].Should().Match<RunChange>(c => c.What.Contains("found on the broker before the run", StringComparison.Ordinal) && c.Restored);
        (await BrokerStateAsync(stack)).Should().Be(before);
    }

    [Test]
    public async Task Ctrl_C_while_the_added_key_provider_signs_removes_it_before_the_run_exits()
    {
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { ForeignBroker = true });
        var before = await BrokerStateAsync(stack);
        var original = stack.Broker.SigningKey().Kid;
        // The run's calls to the target wait while the added key provider signs: the moment to interrupt it.
        await using var proxy = await HoldingProxy.StartAsync(stack.TargetUrl, () => stack.Broker.SigningKey().Kid != original);
        stack.Urls.Set("target", proxy.BaseUrl);
        var artifacts = Directory.CreateTempSubdirectory("pbench-auth-spec-interrupted-").FullName;
        var info = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "bash", RunScript.Path, "--artifacts", artifacts, "--target", proxy.BaseUrl, "--broker", stack.RealmUrl, "--no-dashboard", "--trace", "off", "--catalogue", FixturePaths.File("targets", "reference-server.json"), "--broker-admin-changes" })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in ExplicitUsers.Append(("BROKER_ADMIN_USERNAME", "kc-admin")).Append(("BROKER_ADMIN_PASSWORD", "kc-admin-password")))
        {
            info.Environment[EnvironmentOverrides.Prefix + name] = value;
        }

        using var run = Process.Start(info) ?? throw new InvalidOperationException("setsid did not start.");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            var stdout = run.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = run.StandardError.ReadToEndAsync(timeout.Token);
            var exited = run.WaitForExitAsync(timeout.Token);
            (await Task.WhenAny(proxy.Held, exited)).Should().Be(proxy.Held, $"the run reaches its rotation control (it ended first: {(exited.IsCompleted ? await stdout + await stderr : "still running")})");

            // Ctrl-C: SIGINT to the run's whole process group (bash, dotnet test, the test host).
            using (var interrupt = Process.Start("kill", ["-INT", "--", $"-{run.Id}"]))
            {
                await interrupt.WaitForExitAsync(timeout.Token);
            }

            await exited;
            stack.Broker.SigningKey().Kid.Should().Be(original, $"the interrupted run removed its key provider before exiting ({await stdout}{await stderr})");
            (await BrokerStateAsync(stack)).Should().Be(before);
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

    [Test]
    public async Task Broker_admin_changes_without_broker_admin_credentials_exits_2_with_one_line_naming_the_variables()
    {
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { ForeignBroker = true });

        using var script = new RunScript();
        var environment = ExplicitUsers.ToDictionary(u => EnvironmentOverrides.Prefix + u.Name, u => (string?)u.Value);
        environment[EnvironmentOverrides.Prefix + "BROKER_ADMIN_USERNAME"] = null;
        environment[EnvironmentOverrides.Prefix + "BROKER_ADMIN_PASSWORD"] = null;

        var (exit, _, stderr, _) = await RunScript.RunInAsync(script.NewArtifacts(),
            ["--target", stack.TargetUrl, "--broker", stack.RealmUrl, "--no-dashboard", "--trace", "off", "--catalogue", FixturePaths.File("targets", "reference-server.json"), "--broker-admin-changes"], environment);

        exit.Should().Be(2, stderr);
        stderr.Trim().Should().StartWith("pbench-auth-spec run: --broker-admin-changes needs broker admin credentials: set PBENCH_AUTH_SPEC_BROKER_ADMIN_USERNAME/PASSWORD").And.NotContain("\n");
    }

    [Test]
    public async Task Broker_admin_changes_with_credentials_the_broker_refuses_is_a_settings_error_saying_so()
    {
        await using var stack = await StandInStack.StartAsync(new StandInStackOptions { ForeignBroker = true });

        var run = () => SharedBrowser.RunAsync(SharedBrowser.Settings([.. Target(stack), .. ExplicitUsers, ("BROKER_ADMIN_CHANGES", "true"), ("BROKER_ADMIN_USERNAME", "kc-admin"), ("BROKER_ADMIN_PASSWORD", "wrong")]));

        (await run.Should().ThrowAsync<SpecSettingsException>()).Which.Message.Should().Contain("answered 401");
    }

    private static SpecSettings Settings(StandInStack stack) =>
        SharedBrowser.Settings([.. Target(stack), .. ExplicitUsers,
            ("BROKER_ADMIN_USERNAME", "kc-admin"), ("BROKER_ADMIN_PASSWORD", "kc-admin-password"), ("BROKER_ADMIN_CHANGES", "true")]);

    private static (string, string)[] Target(StandInStack stack) =>
        [("TARGET", stack.TargetUrl), ("BROKER", stack.RealmUrl), ("DASHBOARD", "none"), ("CATALOGUE", FixturePaths.File("targets", "reference-server.json"))];

    private static readonly (string Name, string Value)[] ExplicitUsers =
    [
        ("LOGIN_USERNAME", "alice"), ("LOGIN_PASSWORD", "alice-password"),
        ("OTHER_USERNAME", "bob"), ("OTHER_PASSWORD", "bob-password"),
        ("ADMIN_USERNAME", "admin"), ("ADMIN_PASSWORD", "admin-password"),
        ("OTHER_REALM_USERNAME", "alice"), ("OTHER_REALM_PASSWORD", "alice-password"),
    ];

    private static Check Check(SpecReport report, string id) =>
        report.Steps.SelectMany(s => s.Checks).SingleOrDefault(c => c.Id == id) ?? throw new AssertionException($"no check {id}");

    private static Verdict Verdict(SpecReport report, string id) => Check(report, id).Verdict;

    // The realm as its admin API lists it: clients, each client's roles, each user's role mappings, the key providers.
    private static async Task<string> BrokerStateAsync(StandInStack stack)
    {
        using var admin = await AdminClient.StartAsync(stack.Broker.BaseUrl);
        const string Realm = "/admin/realms/pbench-server";
        var clients = await admin.GetAsync<JsonArray>($"{Realm}/clients");
        var state = new JsonObject { ["clients"] = clients.DeepClone(), ["components"] = await admin.GetAsync<JsonArray>($"{Realm}/components") };
        foreach (var client in clients.OfType<JsonObject>())
        {
            state[$"roles {client["clientId"]}"] = await admin.GetAsync<JsonArray>($"{Realm}/clients/{client["id"]}/roles");
        }

        // The realm's own users (the login imports alice on its first visit: that is the walk, not a change to undo).
        foreach (var user in (await admin.GetAsync<JsonArray>($"{Realm}/users")).OfType<JsonObject>().Where(u => (string?)u["username"] is "bob" or "admin"))
        {
            state[$"mappings {user["username"]}"] = await admin.GetAsync<JsonObject>($"{Realm}/users/{user["id"]}/role-mappings");
        }

        return state.ToJsonString();
    }
}
