namespace Integrations.Apps.Providers.Meta;

/// <summary><c>Sentinel:Apps:instagram</c>: how long <c>create_media_post</c> waits for Meta to process an image
/// container before it gives up (the container stays, unpublished, and expires after 24 hours).</summary>
internal sealed class InstagramOptions
{
    public const string Section = "Sentinel:Apps:instagram";

    /// <summary>How many times the container's <c>status_code</c> is read.</summary>
    public int ContainerChecks { get; set; } = 10;

    /// <summary>The wait before each read: an image is usually processed within seconds.</summary>
    public TimeSpan ContainerCheckInterval { get; set; } = TimeSpan.FromSeconds(2);
}
