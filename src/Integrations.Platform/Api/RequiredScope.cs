namespace Integrations.Platform.Api;

/// <summary>
/// Endpoint metadata: the scope <see cref="Scopes.RequireScope"/> guards the endpoint with. An endpoint whose scope depends
/// on its input lists each it may ask for (the records API: <c>crm:read</c> or <c>commerce:read</c>, by object).
/// </summary>
public sealed record RequiredScope(string Name);
