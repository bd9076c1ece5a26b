namespace Integrations.Apps.Posts;

/// <summary><c>Sentinel:Posts</c>: how the publisher claims and retries scheduled posts.</summary>
internal sealed class PostsOptions
{
    public const string Section = "Sentinel:Posts";

    /// <summary>How long a claimed post is held before a crash is presumed; longer than a provider call can take.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts a post gets (a throttled one goes back to the schedule until then).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How far in the past <c>publish_at</c> may be (a form filled for "now" and sent a little later).</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How far ahead a post may be scheduled.</summary>
    public TimeSpan Horizon { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Posts one run of the publisher claims at most.</summary>
    public int Batch { get; set; } = 20;
}
