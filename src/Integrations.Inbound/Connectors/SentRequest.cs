namespace Integrations.Inbound.Connectors;

/// <summary>A connector's URL and body as sent, credentials included: for a run only, never shown or logged.</summary>
internal sealed record SentRequest(string Url, string? Body);
