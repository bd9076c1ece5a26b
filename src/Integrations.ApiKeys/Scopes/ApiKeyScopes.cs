namespace Integrations.ApiKeys.Scopes;

internal static class ApiKeyScopes
{
    public const string KeysManage = "keys:manage";
}
