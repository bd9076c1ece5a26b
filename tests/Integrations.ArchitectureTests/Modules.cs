using System.Reflection;
using Integrations.ApiKeys;
using Integrations.Apps;
using Integrations.Automation;
using Integrations.Crm;
using Integrations.Imports;
using Integrations.Inbound;
using Integrations.Platform;
using Integrations.Webhooks;

namespace Integrations.ArchitectureTests;

/// <summary>The assemblies under test, and which of the others each module may see.</summary>
internal static class Modules
{
    public static readonly Assembly Platform = typeof(PlatformModule).Assembly;
    public static readonly Assembly Crm = typeof(CrmModule).Assembly;
    public static readonly Assembly ApiKeys = typeof(ApiKeysModule).Assembly;
    public static readonly Assembly Webhooks = typeof(WebhooksModule).Assembly;
    public static readonly Assembly Imports = typeof(ImportsModule).Assembly;
    public static readonly Assembly Inbound = typeof(InboundModule).Assembly;
    public static readonly Assembly Apps = typeof(AppsModule).Assembly;
    public static readonly Assembly Automation = typeof(AutomationModule).Assembly;
    public static readonly Assembly Web = typeof(Program).Assembly;

    /// <summary>Every module but the shared kernel.</summary>
    public static readonly Assembly[] All = [Crm, ApiKeys, Webhooks, Imports, Inbound, Apps, Automation];

    /// <summary>Every assembly of the product.</summary>
    public static readonly Assembly[] Product = [Platform, .. All, Web];

    /// <summary>What each may depend on: Platform, and Crm's public facade where the module writes records; Apps also
    /// Inbound's record mappings (Notion's sync writes through the inbound sources' mapping); Automation also Apps'
    /// actions (a workflow step runs any app action).</summary>
    public static IReadOnlyList<Assembly> AllowedFor(Assembly module) =>
        module == Platform ? []
        : module == Apps ? [Platform, Crm, Inbound]
        : module == Automation ? [Platform, Crm, Apps]
        : module == Imports || module == Inbound ? [Platform, Crm]
        : module == Web ? Product.Where(a => a != Web).ToList()
        : [Platform];

    public static string Name(this Assembly assembly) => assembly.GetName().Name!;

    public static TheoryData<string> Names(IEnumerable<Assembly> assemblies) => [.. assemblies.Select(a => a.Name())];

    public static Assembly Named(string name) => Product.Single(a => a.Name() == name);
}
