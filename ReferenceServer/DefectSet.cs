namespace PbenchAuthSpec.ReferenceServer;

/// <summary>The defects switched on for one server; validated against <see cref="DefectNames"/> at start.</summary>
internal sealed class DefectSet
{
    private readonly HashSet<string> _names;

    public DefectSet(IEnumerable<string> names)
    {
        var list = names.ToList();
        DefectNames.Validate(list);
        _names = new HashSet<string>(list, StringComparer.Ordinal);
    }

    public bool Has(string name) => _names.Contains(name);

    public IReadOnlyCollection<string> Names => _names;
}
