using System.Reflection;
using Integrations.Platform.Events;

namespace Integrations.Tests.Platform;

public sealed class EventCatalogTests
{
    [Fact]
    public void Catalogue_NamesEachTypeOnce()
    {
        var names = EventCatalog.All.Select(e => e.Name).ToList();

        Assert.Equal(names.Distinct(StringComparer.Ordinal).Count(), names.Count);
    }

    [Fact]
    public void EveryNamedType_IsListed_AndFoundByItsName()
    {
        var named = typeof(EventCatalog).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(EventType)).Select(f => (EventType)f.GetValue(null)!).ToList();

        Assert.NotEmpty(named);
        Assert.All(named, e => Assert.Contains(e, EventCatalog.All));
        Assert.All(EventCatalog.All, e => Assert.Same(e, EventCatalog.Find(e.Name)));
    }
}
