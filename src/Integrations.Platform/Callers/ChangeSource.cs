namespace Integrations.Platform.Callers;

/// <summary>Where a change came from, as shown in the audit trail.</summary>
public enum ChangeSource
{
    System,
    Ui,
    Api,
    Import,
    Inbound,
    Connector,
    App,
    Workflow,
}
