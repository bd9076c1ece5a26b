namespace Integrations.Platform.Ids;

public static class IdPrefixes
{
    public const string Workspace = "ws";
    public const string ApiKey = "key";
    public const string Event = "evt";
    public const string Audit = "aud";
    public const string Webhook = "whk";
    public const string Delivery = "dlv";
    public const string Import = "imp";
    public const string Contact = "con";
    public const string Account = "acc";
    public const string Deal = "deal";
    public const string Product = "prd";
    public const string InboundSource = "src";
    public const string InboundRequest = "req";
    public const string Connector = "conn";
    public const string ConnectorRun = "run";
    public const string AppConnection = "cxn";
    public const string Activity = "act";
    public const string SyncRun = "syn";
    public const string ScheduledPost = "pst";
    public const string Workflow = "wfl";
    public const string WorkflowRun = "wfr";
}
