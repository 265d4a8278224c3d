using PbenchAuthSpec.SpecTests.Trace;

namespace PbenchAuthSpec.SpecTests.Checks;

/// <summary>
/// Step 11's code exchanges from every journal that covers them, each counted once: the IdP's
/// record of a token request and the broker's record of the call it made are the same exchange
/// when they carry the same code and the IdP's arrived within the broker's call.
/// </summary>
public static class CodeExchanges
{
    /// <summary>The journal server name MockBroker gives its own outgoing calls.</summary>
    public const string BrokerBackChannel = "broker-back-channel";

    // The broker's record is stamped before it sends, the IdP's on arrival; the broker gives up
    // after 10 s. One second the other way allows for two processes' clocks read apart.
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(10);

    /// <summary>The exchanges of step 10's <paramref name="code"/> (RFC 6749 §4.1.3: a POST with <c>grant_type=authorization_code</c>), in time order.</summary>
    public static IReadOnlyList<CodeExchange> Find(IEnumerable<Exchange> journal, string? code)
    {
        ArgumentNullException.ThrowIfNull(journal);
        if (code is null)
        {
            return [];
        }

        var redemptions = journal
            .Where(x => x.Method == "POST" && x.Form.GetValueOrDefault("grant_type") == "authorization_code" && x.Form.GetValueOrDefault("code") == code)
            .OrderBy(x => x.Time).ThenBy(x => x.Id)
            .ToList();
        var atIdp = redemptions.Where(x => x.Server != BrokerBackChannel).ToList();
        var found = new List<CodeExchange>();
        foreach (var call in redemptions.Where(x => x.Server == BrokerBackChannel))
        {
            var answer = atIdp.Where(x => x.Time >= call.Time - Before && x.Time <= call.Time + After).MinBy(x => (x.Time - call.Time).Duration());
            if (answer is not null)
            {
                atIdp.Remove(answer);
            }

            found.Add(new CodeExchange(answer, call));
        }

        found.AddRange(atIdp.Select(x => new CodeExchange(x, null)));
        return [.. found.OrderBy(x => x.Time)];
    }
}
