namespace Integrations.ApiKeys.Keys;

/// <summary>What an admin or a <c>keys:manage</c> key asks for.</summary>
public sealed record NewApiKey(string? Name, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt);
