namespace Integrations.ApiKeys;

/// <summary>Tuning for key checks, bound from <c>Sentinel:ApiKeys</c>; the defaults suit production.</summary>
internal sealed class ApiKeyOptions
{
    public const string Section = "Sentinel:ApiKeys";

    /// <summary>How long a known key is trusted from memory; revoke and delete evict it at once on this instance.</summary>
    public TimeSpan KnownKeyCache { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an unknown hash is remembered, so a flood of bad keys does not reach the database.</summary>
    public TimeSpan UnknownKeyCache { get; set; } = TimeSpan.FromSeconds(30);

    public int CacheSize { get; set; } = 100_000;

    public TimeSpan LastUsedFlushInterval { get; set; } = TimeSpan.FromSeconds(30);
}
