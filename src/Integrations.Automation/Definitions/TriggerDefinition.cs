namespace Integrations.Automation.Definitions;

/// <summary>
/// What starts a run (<see cref="TriggerTypes"/>). Record triggers name their <see cref="Object"/> (contact, deal,
/// activity…) and may ask for "only when these fields changed" (<see cref="Fields"/>) and for the conditions to have
/// just become true (<see cref="ConditionMode"/>); app events and platform events name their <see cref="Event"/>
/// (<c>slack.message_posted</c>, <c>invoice.paid</c>); schedules have a cron and a time zone.
/// </summary>
internal sealed record TriggerDefinition
{
    public required string Type { get; init; }
    public string? Object { get; init; }
    public string? Event { get; init; }
    public string? ConnectionId { get; init; }
    public string? SourceId { get; init; }
    public IReadOnlyList<string> Fields { get; init; } = [];
    public IReadOnlyList<Condition> Conditions { get; init; } = [];
    public string ConditionMode { get; init; } = ConditionModes.IsTrue;
    public string? Cron { get; init; }
    public string? TimeZone { get; init; }
}

internal static class TriggerTypes
{
    public const string RecordCreated = "record.created";
    public const string RecordUpdated = "record.updated";
    public const string RecordDeleted = "record.deleted";
    public const string DealStageChanged = "deal.stage_changed";
    public const string AppEvent = "app.event";
    public const string InboundProcessed = "inbound.processed";
    public const string Event = "event";
    public const string Schedule = "schedule";
    public const string Manual = "manual";

    public static readonly IReadOnlyList<string> All =
        [RecordCreated, RecordUpdated, RecordDeleted, DealStageChanged, AppEvent, InboundProcessed, Event, Schedule, Manual];

    public static bool IsRecord(string type) => type is RecordCreated or RecordUpdated or RecordDeleted or DealStageChanged;
}

/// <summary><c>is_true</c>: the conditions hold for the record as it is now; <c>became_true</c>: they hold now and did
/// not before this change (a deal that becomes Closed Won, not every later edit of a won deal).</summary>
internal static class ConditionModes
{
    public const string IsTrue = "is_true";
    public const string BecameTrue = "became_true";
}
