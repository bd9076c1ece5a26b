using System.Text;

namespace Integrations.Inbound.Connectors;

/// <summary>
/// Names of query parameters and JSON body fields whose values are credentials: <c>api_key</c>, <c>token</c>,
/// <c>client_secret</c>, <c>password</c>, <c>X-Api-Key</c>, <c>aws_secret_key</c>… Case, <c>_</c>, <c>-</c>, <c>.</c>
/// and spaces do not matter. A false alarm only hides a value; a miss would show a secret.
/// </summary>
internal static class SecretNames
{
    private static readonly HashSet<string> Exact = new(StringComparer.Ordinal)
    {
        "key", "secret", "password", "passwd", "pwd", "pass", "passphrase", "signature", "sig", "auth", "authorization",
        "credential", "credentials", "bearer", "jwt", "session", "sessionid", "cookie",
    };

    private static readonly string[] Endings =
        ["token", "tokens", "secret", "secrets", "password", "signature", "key", "keys", "credential", "credentials"];

    // Names ending in "key" that name no credential.
    private static readonly HashSet<string> NotSecret = new(StringComparer.Ordinal)
    {
        "keys", "sortkey", "idempotencykey", "primarykey", "foreignkey", "partitionkey", "groupkey", "lookupkey", "cachekey",
        "objectkey", "rowkey", "dedupekey", "dedupkey",
    };

    public static bool IsSecret(string name)
    {
        var normal = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is not ('_' or '-' or '.' or ' '))
            {
                normal.Append(char.ToLowerInvariant(c));
            }
        }

        var text = normal.ToString();
        return Exact.Contains(text) || (!NotSecret.Contains(text) && Endings.Any(e => text.EndsWith(e, StringComparison.Ordinal)));
    }
}
