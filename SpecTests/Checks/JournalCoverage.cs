namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// Which of the reachable journals can have seen the IdP's code exchange (step 11): the IdP's
/// own journal (it recorded step 5's request), and the broker's (it recorded step 11's request,
/// and a broker that journals itself, MockBroker, journals its back-channel calls too). A journal
/// that covers neither (a target's alone) cannot say whether the exchange happened.
/// </summary>
public sealed record JournalCoverage(bool Idp, bool Broker)
{
    public static JournalCoverage None { get; } = new(false, false);

    public bool Any => Idp || Broker;
}
