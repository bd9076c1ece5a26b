using NetArchTest.Rules;

namespace Integrations.ArchitectureTests;

/// <summary>Platform ← Crm ← (Imports, Inbound ← Apps); ApiKeys and Webhooks see only Platform; Web sees everyone.</summary>
public sealed class ModuleDependencyTests
{
    public static TheoryData<string> ProductAssemblies => Modules.Names(Modules.Product);

    [Theory]
    [MemberData(nameof(ProductAssemblies))]
    public void Assembly_ReferencesOnlyTheModulesItMay(string name)
    {
        var assembly = Modules.Named(name);

        var referenced = assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Integrations.", StringComparison.Ordinal));

        Assert.All(referenced, r => Assert.Contains(r, Modules.AllowedFor(assembly).Select(a => a.Name())));
    }

    [Theory]
    [MemberData(nameof(ProductAssemblies))]
    public void Types_DependOnNoNamespaceOfAModuleTheyMayNotSee(string name)
    {
        var assembly = Modules.Named(name);
        var forbidden = Modules.Product.Where(m => m != assembly && !Modules.AllowedFor(assembly).Contains(m)).Select(m => m.Name()).ToArray();

        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful, $"{name} depends on {string.Join(", ", forbidden)}: {Failing(result)}");
    }

    [Theory]
    [MemberData(nameof(ProductAssemblies))]
    public void Assembly_GrantsItsInternalsToTestsOnly(string name)
    {
        var grants = Modules.Named(name).GetCustomAttributes(typeof(System.Runtime.CompilerServices.InternalsVisibleToAttribute), false)
            .Cast<System.Runtime.CompilerServices.InternalsVisibleToAttribute>().Select(a => a.AssemblyName);

        Assert.All(grants, g => Assert.Contains(g, (string[])
            ["Integrations.Tests", "Integrations.IntegrationTests", "Integrations.BrowserTests", "Integrations.Testing", "Integrations.Benchmarks"]));
    }

    internal static string Failing(NetArchTest.Rules.TestResult result) => string.Join(", ", result.FailingTypeNames ?? []);
}
