namespace Integrations.Crm.Activities;

/// <summary>One email, meeting, message, call or note as a connected app saw it.</summary>
public sealed record ActivityInput
{
    /// <summary><c>email</c>, <c>meeting</c>, <c>message</c>, <c>call</c> or <c>note</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Where it came from: <c>gmail</c>, <c>outlook</c>, <c>google_calendar</c>, <c>slack</c>…</summary>
    public required string Channel { get; init; }

    /// <summary><c>inbound</c>, <c>outbound</c> or null.</summary>
    public string? Direction { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Cut to 998 characters (the longest header line an email may have).</summary>
    public string? Subject { get; init; }

    /// <summary>The plain text body, cut to 64 KB.</summary>
    public string? Text { get; init; }

    /// <summary>An HTML body, reduced to text, used when <see cref="Text"/> is null.</summary>
    public string? Html { get; init; }

    /// <summary>The public id (<c>cxn_…</c>) of the connection it came from.</summary>
    public required string ConnectionId { get; init; }

    /// <summary>The provider's id for it, unique within the connection: recording it again updates it.</summary>
    public required string ExternalId { get; init; }

    public string? ThreadId { get; init; }

    /// <summary>Who took part; entries with neither a valid email nor a valid phone are left out.</summary>
    public IReadOnlyList<ActivityParticipant> Participants { get; init; } = [];
}

/// <summary>A participant: its role (<c>from</c>, <c>to</c>, <c>cc</c>, <c>bcc</c>, <c>attendee</c>,
/// <c>organizer</c>) and an email or phone, matched to a contact when one has it.</summary>
public sealed record ActivityParticipant(string Role, string? Email, string? Name = null, string? Phone = null);
