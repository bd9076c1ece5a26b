using Integrations.Platform.Data;

namespace Integrations.Platform.Outbox;

/// <param name="Data">The event's <c>data</c> object as JSON.</param>
public sealed record EventRecord(string Type, Utf8Json Data);
