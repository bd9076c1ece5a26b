using System.Linq.Expressions;
using Integrations.Platform.Callers;
using Integrations.Platform.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Platform.Data;

/// <summary>
/// The one DbContext. Modules contribute entity configurations through <see cref="ModelAssembly"/>;
/// every <see cref="IWorkspaceScoped"/> entity is filtered to the caller's workspace.
/// </summary>
public sealed class IntegrationsDbContext(
    DbContextOptions<IntegrationsDbContext> options,
    IEnumerable<ModelAssembly> modelAssemblies,
    Caller caller)
    : IdentityDbContext<AdminUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The workspace every scoped query is filtered to; read by the query filters per query.</summary>
    public Guid CurrentWorkspaceId => caller.WorkspaceId;

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(IntegrationsDbContext).Assembly);
        foreach (var model in modelAssemblies.Select(m => m.Assembly).Distinct())
        {
            builder.ApplyConfigurationsFromAssembly(model);
        }

        foreach (var entity in builder.Model.GetEntityTypes()
                     .Where(e => typeof(IWorkspaceScoped).IsAssignableFrom(e.ClrType) && e.BaseType is null))
        {
            entity.SetQueryFilter(WorkspaceFilter(entity.ClrType));
        }
    }

    private LambdaExpression WorkspaceFilter(Type entityType)
    {
        var row = Expression.Parameter(entityType, "row");
        var rowWorkspace = Expression.Property(row, nameof(IWorkspaceScoped.WorkspaceId));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentWorkspaceId));
        return Expression.Lambda(Expression.Equal(rowWorkspace, current), row);
    }
}
