namespace Integrations.Testing;

/// <summary>
/// The app in-process on the database that <see cref="AppProcess"/> instances share: starting it migrates and seeds the
/// database, and a test arranges data through it. It delivers no webhooks and runs no workflows itself.
/// </summary>
public sealed class ArrangingApp(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) : SentinelApp
{
    protected override Task<string> DatabaseAsync() => Task.FromResult(connectionString);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
    {
        ["Sentinel:Webhooks:Dispatcher"] = "false",
        ["Sentinel:Automation:Executor"] = "false",
    };
}
