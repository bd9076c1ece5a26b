namespace Integrations.Webhooks.Log;

/// <summary>The replay a webhook is busy with: its job (null once the job has queued the copies) and when it began.</summary>
internal sealed record RunningReplay(string? JobId, DateTimeOffset StartedAt);
