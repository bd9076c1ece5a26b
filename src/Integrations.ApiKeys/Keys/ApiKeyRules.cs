
namespace Integrations.ApiKeys.Keys;

/// <summary>What makes a new key valid, for the admin page and the API alike; errors name the field.</summary>
internal static class ApiKeyRules
{
    public const int MaxNameLength = 100;

    public static Dictionary<string, string[]> Validate(NewApiKey key, ScopeCatalog scopes, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(key.Name))
        {
            errors["name"] = ["Give the key a name, so you know later what uses it."];
        }
        else if (key.Name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"The name can be at most {MaxNameLength} characters."];
        }

        if (key.Scopes is not { Count: > 0 })
        {
            errors["scopes"] = ["Choose at least one scope."];
        }
        else if (key.Scopes.FirstOrDefault(s => !scopes.IsKnown(s)) is { } unknown)
        {
            errors["scopes"] = [$"'{unknown}' is not a scope. Known scopes: {string.Join(", ", scopes.All.Select(s => s.Name))}."];
        }

        if (key.ExpiresAt is { } expires && expires <= now)
        {
            errors["expires_at"] = ["The expiry must be in the future."];
        }

        return errors;
    }
}
