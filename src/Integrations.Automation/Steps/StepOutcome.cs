using System.Text.Json.Nodes;

namespace Integrations.Automation.Steps;

/// <summary>How a step went: done with its <see cref="Output"/>; or failed with <see cref="Error"/> (retried when
/// <see cref="Retry"/>, no sooner than <see cref="RetryAfter"/>); or waiting until <see cref="WaitUntil"/> (a delay).</summary>
internal sealed record StepOutcome
{
    public JsonObject? Output { get; init; }
    public string? Error { get; init; }
    public bool Retry { get; init; }
    public TimeSpan? RetryAfter { get; init; }
    public DateTimeOffset? WaitUntil { get; init; }

    public static StepOutcome Done(JsonObject output) => new() { Output = output };
    public static StepOutcome Failed(string error, bool retry = false, TimeSpan? retryAfter = null) =>
        new() { Error = error, Retry = retry, RetryAfter = retryAfter };
}
