using System.Reflection;

namespace Integrations.ArchitectureTests;

/// <summary>Scope names are declared once, as the public constants of a module's <c>…Scopes</c> class.</summary>
public sealed class ScopeNameTests
{
    [Fact]
    public void ScopeNames_AreDeclaredOnlyInScopesClasses()
    {
        var declared = Modules.Product.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (Field: f, Value: (string)f.GetRawConstantValue()!))
            .Where(f => f.Value.Contains(':', StringComparison.Ordinal) && ScopeLike(f.Value))
            .ToList();

        Assert.NotEmpty(declared);
        Assert.All(declared, f => Assert.True(f.Field.DeclaringType!.Name.EndsWith("Scopes", StringComparison.Ordinal),
            $"{f.Field.DeclaringType!.FullName}.{f.Field.Name} = \"{f.Value}\" redeclares a scope"));
    }

    [Fact]
    public void ScopesClasses_ArePublic() =>
        Assert.All(Modules.Product.SelectMany(a => a.GetTypes()).Where(t => t.Name.EndsWith("Scopes", StringComparison.Ordinal) && t.IsClass
            && t.GetFields().Any(f => f.IsLiteral)), t => Assert.True(t.IsPublic, t.FullName));

    private static bool ScopeLike(string value) =>
        value.Split(':') is [var resource, var access] && resource.Length > 0 && access is "read" or "write" or "delete" or "publish" or "manage";
}
