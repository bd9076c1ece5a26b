namespace Integrations.Testing.Fakes.GoogleCalendar;

/// <summary>An event of a fake calendar. <see cref="Date"/> marks an all-day event (<c>start.date</c>).</summary>
public sealed record FakeCalendarEvent(string Summary, DateTimeOffset Start, DateTimeOffset End, params string[] Attendees)
{
    public string Id { get; init; } = Guid.NewGuid().ToString("N")[..26];
    public string? Description { get; init; }
    public string? Organizer { get; init; }
    public bool Date { get; init; }
    public string Status { get; init; } = "confirmed";
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset Updated { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The calendar's change counter when the event last changed (what a sync token is compared with).</summary>
    internal long Version { get; init; }
}
