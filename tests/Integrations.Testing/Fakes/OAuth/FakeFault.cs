namespace Integrations.Testing.Fakes.OAuth;

/// <summary>How a fake provider disturbs a request: an answer in its own error shape (429 with <c>Retry-After</c>, 500),
/// and/or a wait first (a real delay, or until the test releases <see cref="Hold"/>).</summary>
public sealed record FakeFault
{
    public int? Status { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public TimeSpan Delay { get; init; }

    public Task? Hold { get; init; }

    public static FakeFault TooManyRequests(TimeSpan retryAfter) => new() { Status = 429, RetryAfter = retryAfter };

    public static FakeFault ServerError() => new() { Status = 500 };

    /// <summary>Answers normally after <paramref name="delay"/>.</summary>
    public static FakeFault Slow(TimeSpan delay) => new() { Delay = delay };

    /// <summary>Answers normally once <paramref name="release"/> completes, so a test can hold requests in flight.</summary>
    public static FakeFault HeldUntil(Task release) => new() { Hold = release };
}
