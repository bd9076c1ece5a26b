using System.Reflection;

namespace Integrations.Platform.Data;

/// <summary>An assembly whose <c>IEntityTypeConfiguration</c> classes belong in <see cref="IntegrationsDbContext"/>.</summary>
public sealed record ModelAssembly(Assembly Assembly);
