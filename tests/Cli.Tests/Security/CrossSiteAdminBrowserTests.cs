using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.StandIns;

namespace PbenchAuthSpec.Cli.Tests;

/// <summary>
/// Issue 13, finding 1 (high), in a real Chromium: a page on another site tries to take the admin
/// API of each stand-in over (the mapping that would serve a journal-stealing script on the
/// stand-in's own origin) and to read the journal, the way it was shown to work before.
/// </summary>
public sealed class CrossSiteAdminBrowserTests : ChromiumFixture
{
    [Test]
    public async Task A_page_on_another_site_can_neither_add_a_mapping_nor_read_the_journal_of_any_stand_in()
    {
        await using var stack = await StandInStack.StartAsync();
        using var http = new HttpClient();
        var secret = await SomethingWorthStealingAsync(http, stack);
        var victims = new[] { stack.Idp.Host, stack.Broker.Host, stack.Target.Host };
        await using var attacker = await AttackerSite.StartAsync(victims.Select(v => v.BaseUrl).ToList());
        var page = await NewPageAsync();

        await page.GotoAsync(attacker.PageUrl);
        var seen = await attacker.ReportAsync();

        foreach (var victim in victims)
        {
            var attempts = seen[victim.BaseUrl]!.AsObject();
            var said = attempts.ToJsonString();
            // The control: this page's simple cross-site requests do reach the stand-ins.
            attempts["probe"]!.GetValue<string>().Should().Be("sent, answer unreadable", said);
            stack.Journal.Entries(victim.Options.Name).Where(e => e.Url.EndsWith(AttackerSite.ProbePath, StringComparison.Ordinal))
                .Select(e => e.RequestHeaders.GetValueOrDefault("Origin")).Should().Contain(attacker.Origin, "the attacker's page reached {0}", victim.Options.Name);
            attempts["journal"]!.GetValue<string>().Should().StartWith("blocked", "no /__admin answer carries a CORS header: {0}", said);
            attempts["mappingAsJson"]!.GetValue<string>().Should().StartWith("blocked", "a JSON body needs a preflight, which nothing answers: {0}", said);
            victim.Mappings.All.Should().BeEmpty("{0} refused the mapping sent as text/plain", victim.Options.Name);
            (await http.GetAsync(new Uri($"{victim.BaseUrl}/pwned"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        var realm = (await http.GetFromJsonAsync<JsonObject>(new Uri($"{stack.Broker.BaseUrl}/__admin/broker")))!["realms"]!.AsArray()
            .Single(r => r!["realm"]!.GetValue<string>() == "pbench-server")!;
        realm["accessTokenLifespan"]!.GetValue<long>().Should().Be(300, "the test hook sent as text/plain changed nothing");
        attacker.Loot.Should().BeEmpty("no script ran on a stand-in's origin to read the journal");
        stack.Journal.Entries().Should().Contain(e => e.ResponseBody != null && e.ResponseBody.Contains(secret, StringComparison.Ordinal), "the journal did hold a token worth stealing");
    }

    // A token response in the journal: what the page would have read.
    private static async Task<string> SomethingWorthStealingAsync(HttpClient http, StandInStack stack)
    {
        var response = await http.PostAsync(new Uri($"{stack.RealmUrl}/protocol/openid-connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "pbench-client", ["username"] = "bob", ["password"] = "bob-password",
        }));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
    }
}
