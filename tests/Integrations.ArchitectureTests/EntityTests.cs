using System.Reflection;
using Microsoft.EntityFrameworkCore;
using NetArchTest.Rules;

namespace Integrations.ArchitectureTests;

/// <summary>A module's tables are its own: no other module, and no page, touches its entities or their DbSets.</summary>
public sealed class EntityTests
{
    public static TheoryData<string> ModuleAssemblies => Modules.Names(Modules.All);

    [Theory]
    [MemberData(nameof(ModuleAssemblies))]
    public void Entities_AreUsedByTheirOwnModuleOnly(string name)
    {
        var module = Modules.Named(name);
        var entities = EntitiesOf(module);
        Assert.NotEmpty(entities);

        foreach (var other in Modules.Product.Where(a => a != module))
        {
            var result = Types.InAssembly(other).ShouldNot().HaveDependencyOnAny([.. entities.Select(e => e.FullName!)]).GetResult();
            Assert.True(result.IsSuccessful, $"{other.Name()} uses entities of {name}: {ModuleDependencyTests.Failing(result)}");
        }
    }

    [Theory]
    [MemberData(nameof(ModuleAssemblies))]
    public void Entities_AreInternal(string name) =>
        Assert.All(EntitiesOf(Modules.Named(name)), e => Assert.False(e.IsPublic, $"{e.FullName} is public"));

    /// <summary>The types a module maps to tables: those its <c>IEntityTypeConfiguration&lt;T&gt;</c> classes configure.</summary>
    private static List<Type> EntitiesOf(Assembly module) =>
        [.. module.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>))
            .Select(i => i.GetGenericArguments()[0])
            .Where(t => !t.IsGenericParameter)
            .Distinct()];
}
