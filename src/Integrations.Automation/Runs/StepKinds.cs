namespace Integrations.Automation.Runs;

/// <summary>
/// Steps that only change this database: the executor runs them and records them in one transaction, so they happen
/// exactly once (a crash rolls both back, and the step runs again). Any other step calls out of the database: its
/// step run is committed first, so a crash mid-call is known afterwards.
/// </summary>
internal static class StepKinds
{
    public const string If = "if";
    public const string AppAction = "app_action";

    private static readonly HashSet<string> DatabaseOnly =
        new(["update_record", "create_record", "upsert_record", "add_note", "publish_event", "if", "delay"], StringComparer.Ordinal);

    public static bool IsDatabaseOnly(string type) => DatabaseOnly.Contains(type);
}
