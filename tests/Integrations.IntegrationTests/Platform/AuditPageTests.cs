using System.Text.RegularExpressions;
using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Workspaces;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Platform;

public sealed class AuditPageTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AuditPage_ShowsChangesAndNarrows_WhenFiltered()
    {
        var ada = "con_" + Guid.NewGuid().ToString("N");
        var grace = "con_" + Guid.NewGuid().ToString("N");
        await RecordAsync(new AuditRecord("contact.updated", "contact", ada, """{"name":{"from":"Ada","to":"Ada Lovelace"}}"""));
        await RecordAsync(new AuditRecord("contact.created", "contact", grace, null));
        var client = app.CreateClient();
        await SentinelApp.SignInAsync(client, Ct);

        var all = await client.GetStringAsync("/audit", Ct);
        var onlyAda = await client.GetStringAsync($"/audit?ObjectId={ada}", Ct);

        Assert.Contains(ada, all, StringComparison.Ordinal);
        Assert.Contains(grace, all, StringComparison.Ordinal);
        Assert.Contains("name: Ada → Ada Lovelace", VisibleText(all), StringComparison.Ordinal);
        Assert.Contains(ada, onlyAda, StringComparison.Ordinal);
        Assert.DoesNotContain(grace, onlyAda, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditPage_SaysNothingMatches_WhenFilterFindsNothing()
    {
        var client = app.CreateClient();
        await SentinelApp.SignInAsync(client, Ct);

        var page = await client.GetStringAsync("/audit?ObjectType=no-such-type", Ct);

        Assert.Contains("No entries match these filters", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditPage_FiltersBySource_AndLabelsIt()
    {
        var fromSystem = "acc_" + Guid.NewGuid().ToString("N");
        await RecordAsync(new AuditRecord("account.created", "account", fromSystem, null));
        var client = app.CreateClient();
        await SentinelApp.SignInAsync(client, Ct);

        var system = await client.GetStringAsync("/audit?Source=System", Ct);
        var ui = await client.GetStringAsync("/audit?Source=Ui", Ct);

        Assert.Contains(fromSystem, system, StringComparison.Ordinal);
        Assert.Contains(">System</span>", system, StringComparison.Ordinal);
        Assert.DoesNotContain(fromSystem, ui, StringComparison.Ordinal);
    }

    /// <summary>The page as a reader sees it: tags dropped, whitespace collapsed.</summary>
    private static string VisibleText(string html) =>
        Regex.Replace(Regex.Replace(html, "<[^>]+>", ""), "\\s+", " ");

    private async Task RecordAsync(AuditRecord record)
    {
        await using var scope = app.Scope();
        var workspace = await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().FirstAsync(Ct);
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace!.Id);
        scope.ServiceProvider.GetRequiredService<AuditTrail>().Add(record);
        await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().SaveChangesAsync(Ct);
    }
}
