using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Engine;
using PbenchAuthSpec.SpecTests.Trace;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.SpecTests.Tests.Runs;

/// <summary>
/// --until-step as a developer uses it: the stand-ins stay up, and state.json has what it takes to
/// go on by hand (the dashboard's state, nonce and PKCE verifier, and the next step's request).
/// </summary>
[NonParallelizable]
public sealed class UntilStepReplayTests
{
    [Test]
    public async Task The_step_after_until_step_8_replays_from_state_json_and_the_login_goes_on_to_the_broker()
    {
        await using var stack = await StandInStack.StartAsync();
        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(("UNTIL_STEP", "8")), EmbeddedTarget.At(stack.TargetUrl, stack.RealmUrl));
        var state = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(report.RunDirectory, "state.json")))!;
        var next = state["next"]!;
        var transaction = state["transaction"]!;

        ((int)next["step"]!).Should().Be(9);
        ((string)next["curl"]!).Should().StartWith("curl -i -X POST -b '").And.Contain("--data-urlencode 'password=alice-password'").And.EndWith($"'{(string)next["url"]!}'");
        ((string)transaction["state"]!).Should().NotBeNullOrEmpty();
        ((string)transaction["nonce"]!).Should().NotBeNullOrEmpty();
        Protocol.Pkce.S256((string)transaction["code_verifier"]!).Should().Be((string)transaction["code_challenge"]!, "the dashboard's own verifier, read from what it stored");

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        var cookie = (string)next["headers"]!["Cookie"]!;
        var answer = await SendAsync(http, (string)next["method"]!, (string)next["url"]!, cookie, next["form"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!));
        // The rest of step 9 at the IdP: its consent page the first time (a redirect to it, the form, "allow").
        for (var hop = 0; hop < 4 && !(answer.Headers.Location?.ToString().StartsWith(stack.RealmUrl, StringComparison.Ordinal) ?? false); hop++)
        {
            var at = answer.Headers.Location is { } to ? new Uri(new Uri((string)next["url"]!), to).ToString() : null;
            answer = at is not null
                ? await SendAsync(http, "GET", at, cookie, null)
                : await ConsentAsync(http, (string)next["url"]!, cookie, await answer.Content.ReadAsStringAsync());
        }

        var location = answer.Headers.Location!.ToString();
        ((int)answer.StatusCode).Should().BeOneOf([302, 303], "step 10: the IdP sends the browser back to the broker");
        location.Should().StartWith(stack.RealmUrl + "/broker/mockidp/endpoint?");
        Urls.QueryOf(location).Should().ContainKey("code");
        // The broker's cookies are scoped to its realm's path: the IdP request's Cookie header lacks them.
        var broker = await SendAsync(http, "GET", location, CookiesFor(state, location), null);
        ((int)broker.StatusCode).Should().Be(302, $"step 12 from the broker, with the browser's cookies; it answered {await broker.Content.ReadAsStringAsync()}");
        var redirect = broker.Headers.Location!.ToString();
        Urls.QueryOf(redirect).GetValueOrDefault("state").Should().Be((string)transaction["state"]!, "the dashboard's state comes back");
    }

    [Test]
    public async Task Until_step_12_judges_steps_1_to_16_and_says_why_it_stopped_at_16()
    {
        var report = await SharedBrowser.RunAsync(SharedBrowser.Settings(("UNTIL_STEP", "12")));

        report.Steps.Take(16).Should().OnlyContain(s => s.Verdict == Verdict.Pass, report.Verdicts());
        report.Steps.Skip(16).Should().OnlyContain(s => s.Verdict == Verdict.Skip);
        report.Walk.Should().StartWith("--until-step 12: steps 9–16 are one chain of redirects").And.Contain("use --until-step 8");
        var state = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(report.RunDirectory, "state.json")))!;
        ((int)state["stoppedAfterStep"]!).Should().Be(16);
        ((string)state["next"]!["curl"]!).Should().Contain("-H 'Authorization: Bearer ey");
    }

    private static Task<HttpResponseMessage> ConsentAsync(HttpClient http, string idpUrl, string cookie, string page)
    {
        var consent = HtmlForm.Parse(page);
        return SendAsync(http, "POST", new Uri(new Uri(idpUrl), consent.Action).ToString(), cookie, new Dictionary<string, string>(consent.Fields) { ["decision"] = "allow" });
    }

    // The Cookie header a browser sends to this URL, from state.json's cookies (host-wide on 127.0.0.1, so by path).
    private static string CookiesFor(JsonNode state, string url)
    {
        var path = new Uri(url).AbsolutePath;
        return string.Join("; ", state["cookies"]!.AsArray()
            .Where(c => path.StartsWith((string)c!["Path"]!, StringComparison.Ordinal))
            .Select(c => $"{(string)c!["Name"]!}={(string)c["Value"]!}"));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string method, string url, string cookie, IReadOnlyDictionary<string, string>? form)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.Add("Cookie", cookie);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        return await http.SendAsync(request);
    }
}
