namespace Integrations.Platform.Outbox;

/// <param name="Data">The event's <c>data</c> object as JSON.</param>
public sealed record EventRecord(string Type, string Data);
