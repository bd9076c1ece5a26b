using System.Globalization;
using System.Text;

namespace Integrations.Apps.Providers.Zoom;

/// <summary>What a meeting activity's body says about the meeting, line by line: its number, join link, scheduled length,
/// and once it ended, when and after how long. Read back from the stored body, so each source adds what it knows
/// (the sync the schedule, the <c>meeting.ended</c> webhook the end) without wiping what another wrote.</summary>
internal sealed record ZoomMeetingNotes(string? MeetingId = null, string? JoinUrl = null, int? ScheduledMinutes = null,
    DateTimeOffset? EndedAt = null, int? LastedMinutes = null)
{
    private const string Meeting = "Zoom meeting ";
    private const string Join = "Join: ";
    private const string Scheduled = "Scheduled for ";
    private const string Ended = "Ended ";

    public bool HasEnded => EndedAt is not null;

    /// <summary>This, with what <paramref name="newer"/> knows in place of what it does not.</summary>
    public ZoomMeetingNotes With(ZoomMeetingNotes newer) => new(
        newer.MeetingId ?? MeetingId, newer.JoinUrl ?? JoinUrl, newer.ScheduledMinutes ?? ScheduledMinutes,
        newer.EndedAt ?? EndedAt, newer.LastedMinutes ?? LastedMinutes);

    public string Format()
    {
        var text = new StringBuilder();
        Line(text, MeetingId is null ? null : Meeting + MeetingId);
        Line(text, JoinUrl is null ? null : Join + JoinUrl);
        Line(text, ScheduledMinutes is { } scheduled ? $"{Scheduled}{scheduled.ToString(CultureInfo.InvariantCulture)} minutes" : null);
        Line(text, EndedAt is { } ended
            ? $"{Ended}{ended.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} after {(LastedMinutes ?? 0).ToString(CultureInfo.InvariantCulture)} minutes"
            : null);
        return text.ToString().TrimEnd();
    }

    public static ZoomMeetingNotes Parse(string? body)
    {
        var notes = new ZoomMeetingNotes();
        foreach (var line in (body ?? "").Split('\n', StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith(Meeting, StringComparison.Ordinal))
            {
                notes = notes with { MeetingId = line[Meeting.Length..] };
            }
            else if (line.StartsWith(Join, StringComparison.Ordinal))
            {
                notes = notes with { JoinUrl = line[Join.Length..] };
            }
            else if (line.StartsWith(Scheduled, StringComparison.Ordinal) && Number(line[Scheduled.Length..].Split(' ')[0]) is { } minutes)
            {
                notes = notes with { ScheduledMinutes = minutes };
            }
            else if (line.StartsWith(Ended, StringComparison.Ordinal) && line[Ended.Length..].Split(' ') is [var at, "after", var lasted, ..]
                     && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var endedAt))
            {
                notes = notes with { EndedAt = endedAt, LastedMinutes = Number(lasted) };
            }
        }

        return notes;
    }

    private static int? Number(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static void Line(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            text.Append(line).Append('\n');
        }
    }
}
