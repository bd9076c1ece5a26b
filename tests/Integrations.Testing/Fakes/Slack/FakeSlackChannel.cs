namespace Integrations.Testing.Fakes.Slack;

/// <summary>A public channel of a fake Slack workspace; the bot can post in it only while it is a member.</summary>
public sealed record FakeSlackChannel(string Id, string Name, bool IsMember = true, bool IsArchived = false)
{
    public long Created { get; init; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
