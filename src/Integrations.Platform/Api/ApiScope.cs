namespace Integrations.Platform.Api;

/// <summary>One permission an API key can hold, as the admin sees it: <c>crm:read</c>, "Read contacts, accounts and deals."</summary>
public sealed record ApiScope(string Name, string Description);
