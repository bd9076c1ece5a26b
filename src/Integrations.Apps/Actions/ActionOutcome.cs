using System.Text.Json.Nodes;

namespace Integrations.Apps.Actions;

/// <summary>How running an action went: its <see cref="Result"/>, or the input's <see cref="Errors"/> (by field), or
/// the provider's <see cref="ProviderError"/> (with <see cref="RetryAfter"/> when it is throttling), or why the
/// connection cannot run it (<see cref="Unusable"/>: connect again), or <see cref="Missing"/> (no such connection or action).</summary>
public sealed record ActionOutcome
{
    public JsonObject? Result { get; init; }
    public Dictionary<string, string[]>? Errors { get; init; }
    public string? ProviderError { get; init; }
    public TimeSpan? RetryAfter { get; init; }
    public string? Unusable { get; init; }
    public string? Missing { get; init; }
}
