using System.Text.Json.Nodes;

namespace Integrations.Platform.Events;

/// <summary>One event type of the <see cref="EventCatalog"/>, the only place that makes them.</summary>
public sealed record EventType
{
    internal EventType(string name, string group, string description, bool publishable, JsonObject example)
    {
        Name = name;
        Group = group;
        Description = description;
        Publishable = publishable;
        Example = example;
    }

    public string Name { get; }

    /// <summary>How the admin page groups the checkboxes (Records, Contacts, …, Documents).</summary>
    public string Group { get; }

    public string Description { get; }

    /// <summary>True for platform events other modules publish through <c>POST /api/v1/events</c>.</summary>
    public bool Publishable { get; }

    public JsonObject Example { get; }
}
