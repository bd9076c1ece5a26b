using Integrations.Platform.Data;

namespace Integrations.Platform.Events;

/// <summary>An event to append: a type from the <see cref="EventCatalog"/> and its <c>data</c> object as JSON.</summary>
public sealed record EventRecord(EventType Type, Utf8Json Data);
