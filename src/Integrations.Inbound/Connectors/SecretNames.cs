namespace Integrations.Inbound.Connectors;

/// <summary>
/// Names of query parameters and JSON body fields whose values are credentials: <c>api_key</c>, <c>token</c>,
/// <c>client_secret</c>, <c>password</c>, <c>X-Api-Key</c>… Case, <c>_</c>, <c>-</c> and <c>.</c> do not matter.
/// </summary>
internal static class SecretNames
{
    private static readonly HashSet<string> Exact = new(StringComparer.Ordinal)
    {
        "key", "secret", "password", "passwd", "pwd", "passphrase", "signature", "sig", "auth", "authorization",
        "credential", "credentials", "bearer",
    };

    private static readonly string[] Endings = ["token", "secret", "password", "apikey", "accesskey", "privatekey", "signature"];

    public static bool IsSecret(string name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 100)];
        var length = 0;
        foreach (var c in name.AsSpan(0, buffer.Length))
        {
            if (c is not ('_' or '-' or '.' or ' '))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        var normal = new string(buffer[..length]);
        return Exact.Contains(normal) || Endings.Any(e => normal.EndsWith(e, StringComparison.Ordinal));
    }
}
