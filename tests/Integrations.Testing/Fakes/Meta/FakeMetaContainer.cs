namespace Integrations.Testing.Fakes.Meta;

/// <summary>An Instagram media container: its <c>status_code</c> goes through the statuses it was made with, one per
/// read (the last one stays), and is <c>PUBLISHED</c> once published.</summary>
internal sealed class FakeMetaContainer(string accountId, string imageUrl, string? caption, IReadOnlyList<string> statuses)
{
    private int reads;
    private bool published;

    public string AccountId => accountId;

    public string ImageUrl => imageUrl;

    public string? Caption => caption;

    public string Current => published ? "PUBLISHED" : statuses[Math.Min(Math.Max(reads - 1, 0), statuses.Count - 1)];

    public string Read()
    {
        Interlocked.Increment(ref reads);
        return Current;
    }

    public void Published() => published = true;
}
