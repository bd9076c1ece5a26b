using Integrations.Platform.Data;
using Integrations.Platform.Data.Partitions;
using Integrations.Platform.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Integrations.Web.Hosting;

/// <summary>
/// Applies migrations, then makes sure a first workspace and a first admin exist, and that the configured operators
/// (and only they) hold the operator role. Registered before every other hosted service, so Hangfire and the web server
/// start on a ready database. Instances starting together (compose's replicas) take turns: EF Core locks the migrations,
/// and the seeding runs under a transaction-scoped advisory lock, so a fresh database gets one first workspace, not one
/// per instance.
/// </summary>
internal sealed class DatabaseStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(services, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('sentinel.first_start'))", cancellationToken);
        var workspaces = scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>();
        var config = scope.ServiceProvider.GetRequiredService<IConfiguration>();
        var workspace = await workspaces.FirstAsync(cancellationToken)
            ?? await workspaces.CreateAsync(
                config["Sentinel:DefaultWorkspace:Name"] ?? "Default workspace",
                config.GetValue("Sentinel:DefaultWorkspace:Plan", Plan.Growth),
                cancellationToken);
        await scope.ServiceProvider.GetRequiredService<AdminSeeder>().EnsureAdminAsync(workspace, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<PlatformOperators>().SyncAsync();
        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        // Creating the history table first spares a fresh database the failed probe EF would log as an error.
        if (await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct))
        {
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        }

        await db.Database.MigrateAsync(ct);
        await scope.ServiceProvider.GetRequiredService<TimePartitions>().EnsureAheadAsync(ct);
    }
}
