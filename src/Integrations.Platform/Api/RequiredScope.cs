namespace Integrations.Platform.Api;

/// <summary>Endpoint metadata: the scope <see cref="Scopes.RequireScope"/> guards the endpoint with.</summary>
public sealed record RequiredScope(string Name);
