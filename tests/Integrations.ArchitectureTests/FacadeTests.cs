using System.Reflection;
using System.Runtime.CompilerServices;
using NetArchTest.Rules;

namespace Integrations.ArchitectureTests;

/// <summary>
/// One facade pattern everywhere: a module shows the host and other modules one registration class
/// (<c>XModule</c>), its scope constants, public facade classes that only the module can make, and the records and
/// enums they take and return. Pages reach the modules only through those.
/// </summary>
public sealed class FacadeTests
{
    public static TheoryData<string> ModuleAssemblies => Modules.Names(Modules.All);

    [Theory]
    [MemberData(nameof(ModuleAssemblies))]
    public void Module_HasOneRegistrationClass(string name)
    {
        var registrations = Modules.Named(name).GetExportedTypes().Where(t => t.Name.EndsWith("Module", StringComparison.Ordinal)).ToList();

        var registration = Assert.Single(registrations);
        Assert.True(registration.IsAbstract && registration.IsSealed, $"{registration.Name} is a static class");
        Assert.Contains(registration.GetMethods(), m => m.Name.StartsWith("Add", StringComparison.Ordinal) && m.IsDefined(typeof(ExtensionAttribute)));
    }

    [Theory]
    [MemberData(nameof(ModuleAssemblies))]
    public void PublicClasses_AreFacadesOnlyTheirModuleMakes_OrRecords(string name)
    {
        var constructible = Modules.Named(name).GetExportedTypes()
            .Where(t => t.IsClass && !(t.IsAbstract && t.IsSealed) && !IsRecord(t))
            .Where(t => t.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Length > 0)
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(constructible);
    }

    [Fact]
    public void Pages_ReachNoTableOrDbContext()
    {
        var result = Types.InAssembly(Modules.Web).That().ResideInNamespace("Integrations.Web.Pages")
            .ShouldNot().HaveDependencyOnAny("Integrations.Platform.Data", "Microsoft.EntityFrameworkCore").GetResult();

        Assert.True(result.IsSuccessful, ModuleDependencyTests.Failing(result));
    }

    /// <summary>Records have a compiler-made <c>&lt;Clone&gt;$</c> method.</summary>
    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;
}
