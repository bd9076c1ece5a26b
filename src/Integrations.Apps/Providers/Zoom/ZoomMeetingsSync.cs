using System.Text.Json;
using Integrations.Apps.Calls;
using Integrations.Apps.Syncs;
using Integrations.Crm.Activities;

namespace Integrations.Apps.Providers.Zoom;

/// <summary>
/// Zoom's <c>meetings</c>, one request a page: the upcoming meetings (<c>GET /users/me/meetings?type=upcoming</c>), then
/// the previous ones (<c>type=previous_meetings</c>), and for each past meeting not read before, its participants
/// (<c>GET /past_meetings/{uuid}/participants</c>), each listing paged with <c>next_page_token</c>. Every page is saved
/// with the checkpoint, so a restart goes on from the last page. A 429 stops the run until its Retry-After (the runner's
/// <see cref="ProviderThrottledException"/>); a past meeting Zoom no longer has (404) is passed over.
/// </summary>
internal sealed class ZoomMeetingsSync(AppApi api, ZoomActivities activities, TimeProvider clock) : IAppSync
{
    public const int BackfillDays = 30;
    public const int PageSize = 300;

    public string AppId => "zoom";
    public string SyncId => "meetings";

    public async Task<bool> RunPageAsync(SyncContext context, CancellationToken ct)
    {
        var checkpoint = ZoomCheckpoint.Parse(context.Checkpoint) ?? ZoomCheckpoint.Start(null);
        var baseUrl = context.App.Urls["api"].TrimEnd('/');
        if (checkpoint.Pending is [var past, ..])
        {
            return await ParticipantsPageAsync(context, checkpoint, past, baseUrl, ct);
        }

        if (checkpoint.Phase == ZoomCheckpoint.Closing)
        {
            await context.SaveAsync(_ => Task.FromResult(0), checkpoint.NextRound().ToString(), ct);
            return false;
        }

        var upcoming = checkpoint.Phase == ZoomCheckpoint.Upcoming;
        var url = $"{baseUrl}/users/me/meetings?type={(upcoming ? "upcoming" : "previous_meetings")}&page_size={PageSize}{Token(checkpoint.PageToken)}";
        using var answer = await api.SendAsync(context.Connection, () => new HttpRequestMessage(HttpMethod.Get, url), ct);
        var meetings = answer.RootElement.TryGetProperty("meetings", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(ZoomMeeting.Parse).OfType<ZoomMeeting>().ToList()
            : [];
        var nextPage = ZoomMeeting.Text(answer.RootElement, "next_page_token");
        if (upcoming)
        {
            var next = nextPage is not null ? checkpoint with { PageToken = nextPage } : checkpoint with { Phase = ZoomCheckpoint.Previous, PageToken = null };
            await SaveMeetingsAsync(context, meetings, next, ct);
            return true;
        }

        var cutoff = checkpoint.DoneUntil ?? clock.GetUtcNow().AddDays(-BackfillDays);
        var due = meetings.Where(m => m.Start > cutoff && m.Uuid is not null).ToList();
        var after = checkpoint with
        {
            Phase = nextPage is null ? ZoomCheckpoint.Closing : ZoomCheckpoint.Previous,
            PageToken = nextPage,
            Pending = [.. due.Select(m => new ZoomPastMeeting(m.Id, m.Uuid!, m.Topic, m.Start!.Value))],
        };
        if (after.Phase == ZoomCheckpoint.Closing && after.Pending.Count == 0)
        {
            after = after.NextRound();
        }

        await SaveMeetingsAsync(context, due, after, ct);
        return after.Phase != ZoomCheckpoint.Upcoming;
    }

    private async Task<bool> ParticipantsPageAsync(SyncContext context, ZoomCheckpoint checkpoint, ZoomPastMeeting past, string baseUrl, CancellationToken ct)
    {
        var url = $"{baseUrl}/past_meetings/{PathUuid(past.Uuid)}/participants?page_size={PageSize}{Token(checkpoint.ParticipantsToken)}";
        var done = checkpoint with
        {
            Pending = [.. checkpoint.Pending.Skip(1)],
            ParticipantsToken = null,
            RoundMax = checkpoint.RoundMax is { } max && max > past.Start ? max : past.Start,
        };
        JsonDocument answer;
        try
        {
            answer = await api.SendAsync(context.Connection, () => new HttpRequestMessage(HttpMethod.Get, url), ct);
        }
        catch (ProviderException e) when (e.Status == 404)
        {
            await context.SaveAsync(_ => Task.FromResult(0), done.ToString(), ct);
            return true;
        }

        using (answer)
        {
            var joined = answer.RootElement.TryGetProperty("participants", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(p => ZoomMeeting.Text(p, "user_email") is not null)
                    .Select(p => new ActivityParticipant("attendee", ZoomMeeting.Text(p, "user_email"), ZoomMeeting.Text(p, "name"))).ToList()
                : [];
            var nextPage = ZoomMeeting.Text(answer.RootElement, "next_page_token");
            var meeting = new ZoomMeeting(past.Id, past.Uuid, past.Topic, past.Start, null, null, null);
            await context.SaveAsync(async token => (await activities.WriteAsync(context.Connection, context.Settings,
                [new ZoomMeetingUpdate(meeting, joined, new ZoomMeetingNotes())], token)).Count,
                (nextPage is not null ? checkpoint with { ParticipantsToken = nextPage } : done).ToString(), ct);
            return true;
        }
    }

    private Task SaveMeetingsAsync(SyncContext context, List<ZoomMeeting> meetings, ZoomCheckpoint next, CancellationToken ct) =>
        context.SaveAsync(async token => (await activities.WriteAsync(context.Connection, context.Settings,
            [.. meetings.Select(m => new ZoomMeetingUpdate(m, [], new ZoomMeetingNotes()))], token)).Count, next.ToString(), ct);

    private static string Token(string? token) => token is null ? "" : "&next_page_token=" + Uri.EscapeDataString(token);

    /// <summary>Zoom: a UUID that begins with '/' or holds "//" is double-encoded in a path.</summary>
    internal static string PathUuid(string uuid) =>
        uuid.StartsWith('/') || uuid.Contains("//", StringComparison.Ordinal) ? Uri.EscapeDataString(Uri.EscapeDataString(uuid)) : Uri.EscapeDataString(uuid);
}
