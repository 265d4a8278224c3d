using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// One back-channel code exchange at the IdP as the journals recorded it: by the IdP (it served
/// it), by the broker (its own record of the call), or both (one embedded or <c>serve</c> stack).
/// </summary>
public sealed record CodeExchange(Exchange? AtIdp, Exchange? ByBroker)
{
    /// <summary>The record to judge: the IdP's when it has one (what it answered), else the broker's.</summary>
    public Exchange Record => AtIdp ?? ByBroker ?? throw new InvalidOperationException("a code exchange without a record");

    public DateTimeOffset Time => ByBroker?.Time ?? Record.Time;

    public IEnumerable<int?> Ids => [AtIdp?.Id, ByBroker?.Id];

    public string Describe() => $"{Record.Describe()} ({(AtIdp, ByBroker) switch
    {
        (not null, not null) => "in the IdP's journal and the broker's back-channel record",
        (not null, null) => "in the IdP's journal",
        _ => "in the broker's back-channel record",
    }})";
}
