namespace Integrations.Automation.Runs;

/// <summary>
/// How the executor keeps each kind of step to its promise after a crash:
/// <list type="bullet">
/// <item>Pure steps (<c>if</c>) only read the run's data: recorded with the next write, since running one again gives
/// the same answer.</item>
/// <item>Steps that only change this database run in one transaction with their bookkeeping, so they happen exactly
/// once (a crash rolls both back, and the step runs again).</item>
/// <item>Steps whose request carries their idempotency key (<c>http_request</c>) are recorded after the call: a crash
/// before that sends the same attempt again with the same key, which the receiver recognises.</item>
/// <item>Any other step calls out without a key the other side honours: its step run is committed before the call,
/// so a crash mid-call is known afterwards and the run fails instead of calling again.</item>
/// </list>
/// </summary>
internal static class StepKinds
{
    public const string If = "if";
    public const string AppAction = "app_action";
    public const string HttpRequest = "http_request";

    private static readonly HashSet<string> DatabaseOnly =
        new(["update_record", "create_record", "upsert_record", "add_note", "publish_event", "delay"], StringComparer.Ordinal);

    public static bool IsPure(string type) => type == If;

    public static bool IsDatabaseOnly(string type) => DatabaseOnly.Contains(type);

    public static bool SendsItsKey(string type) => type == HttpRequest;
}
