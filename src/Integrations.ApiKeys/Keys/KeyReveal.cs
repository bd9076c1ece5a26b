using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;

namespace Integrations.ApiKeys.Keys;

/// <summary>
/// Carries a new key's secret from the admin's POST to the one page view that shows it, server-side: the
/// redirect carries only a random ticket, so the secret is never in a cookie and a reload cannot show it again.
/// </summary>
public sealed class KeyReveal : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly MemoryCache secrets = new(new MemoryCacheOptions());

    internal KeyReveal()
    {
    }

    public string Hold(string secret)
    {
        var ticket = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        secrets.Set(ticket, secret, Lifetime);
        return ticket;
    }

    /// <summary>The secret, once; null on every later call.</summary>
    public string? Take(string? ticket)
    {
        if (ticket is null || !secrets.TryGetValue(ticket, out string? secret))
        {
            return null;
        }

        secrets.Remove(ticket);
        return secret;
    }

    public void Dispose() => secrets.Dispose();
}
