using System.Text.Json.Nodes;

namespace Integrations.Testing.Fakes.Slack;

/// <summary>A message <c>chat.postMessage</c> accepted: where, its <c>ts</c>, and the request's JSON body as sent.</summary>
public sealed record FakeSlackMessage(string ChannelId, string Ts, string? Text, JsonArray? Blocks, JsonObject Body);
