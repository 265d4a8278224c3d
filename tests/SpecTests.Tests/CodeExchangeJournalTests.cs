using FluentAssertions;
using NUnit.Framework;
using PbenchAuthSpec.Protocol;
using PbenchAuthSpec.SpecTests.Checks;
using PbenchAuthSpec.SpecTests.Engine;
using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Tests;

/// <summary>
/// Step 11's back channel from whichever journals cover it: the IdP's own, the broker's record of
/// its call, or both (one exchange counted once); a skip when none does.
/// </summary>
public sealed class CodeExchangeJournalTests
{
    [Test]
    public void The_IdP_s_record_alone_counts_one_exchange()
    {
        var checks = new SyntheticLogin { BackChannelExchanges = 1, BrokerBackChannelRecords = 0, Coverage = new(Idp: true, Broker: false) }.Evaluate();

        Check(checks, "s11.code-exchange").Verdict.Should().Be(Verdict.Pass);
        Check(checks, "s11.code-exchange").Observed.Should().StartWith("1: ").And.Contain("in the IdP's journal)");
        Check(checks, "s11.idp-id-token").Verdict.Should().Be(Verdict.Pass);
    }

    [Test]
    public void The_broker_s_back_channel_record_alone_counts_one_exchange_and_its_id_token_is_judged()
    {
        var login = new SyntheticLogin { BackChannelExchanges = 0, BrokerBackChannelRecords = 1, Coverage = new(Idp: false, Broker: true) };

        var checks = login.Evaluate();

        Check(checks, "s11.code-exchange").Verdict.Should().Be(Verdict.Pass);
        Check(checks, "s11.code-exchange").Observed.Should().StartWith("1: ").And.Contain("in the broker's back-channel record)");
        Check(checks, "s11.idp-id-token").Verdict.Should().Be(Verdict.Pass);
        login.IdpIdClaims["nonce"] = "other";
        Check(login.Evaluate(), "s11.idp-id-token").Verdict.Should().Be(Verdict.Fail, "the broker's record carries the IdP's answer");
    }

    [Test]
    public void One_exchange_recorded_by_both_the_IdP_and_the_broker_counts_once()
    {
        var checks = new SyntheticLogin { BackChannelExchanges = 1, BrokerBackChannelRecords = 1, Coverage = new(Idp: true, Broker: true) }.Evaluate();

        var check = Check(checks, "s11.code-exchange");
        check.Verdict.Should().Be(Verdict.Pass, check.Observed);
        check.Observed.Should().StartWith("1: ").And.Contain("in the IdP's journal and the broker's back-channel record");
        check.Exchanges.Should().BeEquivalentTo([900, 950]);
    }

    [Test]
    public void Two_real_exchanges_recorded_by_both_fail_as_two()
    {
        var check = Check(new SyntheticLogin { BackChannelExchanges = 2, BrokerBackChannelRecords = 2, Coverage = new(Idp: true, Broker: true) }.Evaluate(), "s11.code-exchange");

        check.Verdict.Should().Be(Verdict.Fail);
        check.Observed.Should().StartWith("2: ");
    }

    [TestCase(1, 0)]
    [TestCase(0, 1)]
    public void Two_real_exchanges_in_one_journal_fail_as_two(int idpRecordsPerExchange, int brokerRecordsPerExchange)
    {
        var login = new SyntheticLogin { BackChannelExchanges = 2 * idpRecordsPerExchange, BrokerBackChannelRecords = 2 * brokerRecordsPerExchange, Coverage = new(Idp: idpRecordsPerExchange > 0, Broker: brokerRecordsPerExchange > 0) };

        Check(login.Evaluate(), "s11.code-exchange").Observed.Should().StartWith("2: ");
    }

    [Test]
    public void A_replay_at_once_is_two_exchanges_even_when_both_journals_saw_both()
    {
        var time = DateTimeOffset.UnixEpoch.AddYears(56);
        Exchange Record(int id, string server, int ms) => new()
        {
            Id = id, Server = server, Method = "POST", Url = SyntheticLogin.Idp + "/token", Time = time.AddMilliseconds(ms), RequestBody = "grant_type=authorization_code&code=c1",
        };

        var found = CodeExchanges.Find([Record(1, CodeExchanges.BrokerBackChannel, 0), Record(2, "idp", 2), Record(3, CodeExchanges.BrokerBackChannel, 4), Record(4, "idp", 6)], "c1");

        found.Select(x => (x.ByBroker?.Id, x.AtIdp?.Id)).Should().Equal((1, 2), (3, 4));
    }

    [Test]
    public void Neither_journal_covering_the_exchange_is_a_skip_that_says_so()
    {
        var checks = new SyntheticLogin { BackChannelExchanges = 0, Coverage = JournalCoverage.None }.Evaluate();

        foreach (var id in new[] { "s11.code-exchange", "s11.idp-id-token" })
        {
            Check(checks, id).Verdict.Should().Be(Verdict.Skip);
            Check(checks, id).Observed.Should().Contain("no reachable journal covers the IdP's token endpoint");
        }
    }

    [Test]
    public void No_journal_at_all_is_a_skip()
    {
        var checks = new SyntheticLogin { JournalReachable = false }.Evaluate();

        Check(checks, "s11.code-exchange").Verdict.Should().Be(Verdict.Skip);
        Check(checks, "s11.code-exchange").Observed.Should().Contain("no request journal");
    }

    [Test]
    public void A_journal_covers_the_IdP_when_it_recorded_step_5_and_the_broker_when_it_recorded_step_11()
    {
        var trace = new SyntheticLogin().Trace();
        var idpRecord = Entry("idp", trace.IdpAuthorize!);
        var brokerRecord = Entry("broker", trace.BrokerEndpoint!);
        var targetRecord = Entry("target", trace.Config!);

        FederationProbe.Coverage([targetRecord], trace).Should().Be(JournalCoverage.None, "a target's journal cannot see the back channel");
        FederationProbe.Coverage([idpRecord, targetRecord], trace).Should().Be(new JournalCoverage(Idp: true, Broker: false));
        FederationProbe.Coverage([brokerRecord], trace).Should().Be(new JournalCoverage(Idp: false, Broker: true));
        FederationProbe.Coverage([Entry("idp", trace.IdpAuthorize!) with { Url = SyntheticLogin.Idp + "/authorize?state=someone-else" }], trace)
            .Should().Be(JournalCoverage.None, "another login's request is not this one's");
    }

    [Test]
    public void The_IdP_s_record_of_a_foreign_broker_s_exchange_is_read_though_not_marked_as_back_channel()
    {
        var log = new TraceLog();
        var token = new JournalEntry(7, DateTimeOffset.UnixEpoch, "idp", "POST", SyntheticLogin.Idp + "/token", new Dictionary<string, string> { ["User-Agent"] = "Keycloak" },
            "grant_type=authorization_code&code=idp-code", 200, new Dictionary<string, string>(), "{}", null);
        var other = token with { Sequence = 8, RequestBody = "grant_type=authorization_code&code=broker-code" };

        FederationProbe.FromJournal([token, other], log, "idp-code").Should().ContainSingle().Which.Server.Should().Be("idp");
    }

    private static Check Check(IEnumerable<Check> checks, string id) => checks.Single(c => c.Id == id);

    private static JournalEntry Entry(string server, Exchange request) =>
        new(1, DateTimeOffset.UnixEpoch, server, request.Method, request.Url, new Dictionary<string, string>(), request.RequestBody, request.Status ?? 0, new Dictionary<string, string>(), null, null);
}
