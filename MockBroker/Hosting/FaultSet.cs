using System.Collections;

namespace PbenchAuthSpec.MockBroker.Hosting;

/// <summary>The live, thread-safe set of broker faults; adding an unknown name throws.</summary>
internal sealed class FaultSet : ISet<string>
{
    private readonly Lock _gate = new();
    private HashSet<string> _faults = new(StringComparer.Ordinal);

    public int Count => Snapshot.Count;

    public bool IsReadOnly => false;

    /// <summary>Lock-free read for the request path: the set is replaced, never mutated in place.</summary>
    private HashSet<string> Snapshot => Volatile.Read(ref _faults);

    public bool Contains(string item) => Snapshot.Contains(item);

    public bool Add(string item)
    {
        BrokerFaults.Validate(item);
        return Mutate(set => set.Add(item));
    }

    void ICollection<string>.Add(string item) => Add(item);

    public bool Remove(string item) => Mutate(set => set.Remove(item));

    public void Clear() => Mutate(set =>
    {
        set.Clear();
        return true;
    });

    public void UnionWith(IEnumerable<string> other)
    {
        var items = other.Select(BrokerFaults.Validate).ToList();
        Mutate(set =>
        {
            set.UnionWith(items);
            return true;
        });
    }

    public void ExceptWith(IEnumerable<string> other) => Mutate(set =>
    {
        set.ExceptWith(other);
        return true;
    });

    public void IntersectWith(IEnumerable<string> other) => Mutate(set =>
    {
        set.IntersectWith(other);
        return true;
    });

    public void SymmetricExceptWith(IEnumerable<string> other)
    {
        var items = other.Select(BrokerFaults.Validate).ToList();
        Mutate(set =>
        {
            set.SymmetricExceptWith(items);
            return true;
        });
    }

    public bool IsProperSubsetOf(IEnumerable<string> other) => Snapshot.IsProperSubsetOf(other);

    public bool IsProperSupersetOf(IEnumerable<string> other) => Snapshot.IsProperSupersetOf(other);

    public bool IsSubsetOf(IEnumerable<string> other) => Snapshot.IsSubsetOf(other);

    public bool IsSupersetOf(IEnumerable<string> other) => Snapshot.IsSupersetOf(other);

    public bool Overlaps(IEnumerable<string> other) => Snapshot.Overlaps(other);

    public bool SetEquals(IEnumerable<string> other) => Snapshot.SetEquals(other);

    public void CopyTo(string[] array, int arrayIndex) => Snapshot.CopyTo(array, arrayIndex);

    public IEnumerator<string> GetEnumerator() => Snapshot.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private bool Mutate(Func<HashSet<string>, bool> change)
    {
        lock (_gate)
        {
            var copy = new HashSet<string>(_faults, StringComparer.Ordinal);
            var changed = change(copy);
            Volatile.Write(ref _faults, copy);
            return changed;
        }
    }
}
