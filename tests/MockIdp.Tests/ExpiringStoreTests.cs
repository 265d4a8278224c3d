using FluentAssertions;
using NUnit.Framework;

namespace PbenchAuthSpec.MockIdp.Tests;

/// <summary>MockIdp's in-memory state stays bounded however many sign-ins are started and abandoned.</summary>
public sealed class ExpiringStoreTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void Entries_are_gone_once_their_drop_time_passes()
    {
        var store = new ExpiringStore<string>(capacity: 100);
        store.Add("a", "A", Start.AddSeconds(60), Start);

        store.Get("a", Start.AddSeconds(59)).Should().Be("A");
        store.Get("a", Start.AddSeconds(60)).Should().BeNull();
        store.Purge(Start.AddSeconds(60));
        store.Count.Should().Be(0);
    }

    [Test]
    public void The_store_never_holds_more_than_its_capacity_and_drops_the_oldest()
    {
        var store = new ExpiringStore<string>(capacity: 1000);

        for (var i = 0; i < 10_000; i++)
        {
            store.Add($"k{i}", "v", Start.AddHours(1), Start);
        }

        store.Count.Should().Be(1000);
        store.Get("k0", Start).Should().BeNull();
        store.Get("k9999", Start).Should().Be("v");
    }

    [Test]
    public void Taking_an_entry_out_twice_gives_it_once()
    {
        var store = new ExpiringStore<string>(capacity: 10);
        store.Add("code", "grant", Start.AddSeconds(60), Start);

        store.Remove("code").Should().Be("grant");
        store.Remove("code").Should().BeNull();
    }

    [Test]
    public void Removed_entries_do_not_leave_the_order_queue_growing()
    {
        var store = new ExpiringStore<string>(capacity: 100);

        for (var i = 0; i < 100_000; i++)
        {
            store.Add($"k{i}", "v", Start.AddHours(1), Start);
            store.Remove($"k{i}");
        }

        store.Count.Should().Be(0);
        store.QueuedCount.Should().BeLessThanOrEqualTo(201);
    }
}
