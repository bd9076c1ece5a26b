using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Integrations.Testing.Fakes.Slack;

/// <summary>One Slack workspace (team) of the fake: its channels in creation order, and the messages posted to it.</summary>
public sealed class FakeSlackWorkspace(string teamId)
{
    private readonly Lock gate = new();
    private readonly List<FakeSlackChannel> channels = [];
    private long lastTs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

    public string TeamId { get; } = teamId;

    public ConcurrentQueue<FakeSlackMessage> Messages { get; } = [];

    public IReadOnlyList<FakeSlackChannel> Channels
    {
        get
        {
            lock (gate)
            {
                return [.. channels];
            }
        }
    }

    /// <summary>Adds a public channel with a Slack-shaped id (<c>C…</c>).</summary>
    public FakeSlackChannel AddChannel(string name, bool isMember = true, bool isArchived = false)
    {
        var channel = new FakeSlackChannel("C0" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5))[..9], name, isMember, isArchived);
        lock (gate)
        {
            channels.Add(channel);
        }

        return channel;
    }

    /// <summary>By id, or by name with or without <c>#</c>, as <c>chat.postMessage</c> takes a channel.</summary>
    public FakeSlackChannel? Find(string idOrName)
    {
        var name = idOrName.TrimStart('#');
        lock (gate)
        {
            return channels.Find(c => c.Id == idOrName) ?? channels.Find(c => c.Name == name);
        }
    }

    /// <summary>Slack's message timestamps: unique per channel, seconds with six digits after the point.</summary>
    internal string NextTs()
    {
        var micros = Interlocked.Increment(ref lastTs);
        return $"{micros / 1_000_000}.{micros % 1_000_000:D6}";
    }
}
