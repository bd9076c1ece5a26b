namespace Integrations.Testing.Fakes.Notion;

/// <summary>A page of a fake Notion database: its properties as plain values (text, number, bool, string list), shown
/// in Notion's typed shapes by the database's schema. <see cref="LastEditedTime"/> is kept to the minute, as Notion's.</summary>
public sealed class FakeNotionPage(string id, string databaseId, Dictionary<string, object?> properties, DateTimeOffset lastEditedTime)
{
    public string Id { get; } = id;

    public string DatabaseId { get; } = databaseId;

    public Dictionary<string, object?> Properties { get; } = properties;

    public DateTimeOffset CreatedTime { get; } = FakeNotion.Minute(lastEditedTime);

    public DateTimeOffset LastEditedTime { get; set; } = FakeNotion.Minute(lastEditedTime);

    public bool InTrash { get; set; }
}

/// <summary>A fake Notion database: its id, the workspace it is in, and its schema (property name → type).</summary>
public sealed record FakeNotionDatabase(string Id, string WorkspaceId, string Title, IReadOnlyDictionary<string, string> Schema);

/// <summary>A webhook request as Notion sends it: the body and its <c>X-Notion-Signature</c> (null for the verification request).</summary>
public sealed record FakeNotionDelivery(string Body, string? Signature);
