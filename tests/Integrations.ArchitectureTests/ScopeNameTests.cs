using System.Reflection;
using System.Text.RegularExpressions;
using Integrations.Testing;

namespace Integrations.ArchitectureTests;

/// <summary>Scope names are declared once, as the public constants of a module's <c>…Scopes</c> class.</summary>
public sealed partial class ScopeNameTests
{
    [Fact]
    public void ScopeNames_AreDeclaredOnlyInScopesClasses()
    {
        var declared = ScopeConstants().ToList();

        Assert.NotEmpty(declared);
        Assert.All(declared, f => Assert.True(f.Field.DeclaringType!.Name.EndsWith("Scopes", StringComparison.Ordinal),
            $"{f.Field.DeclaringType!.FullName}.{f.Field.Name} = \"{f.Value}\" redeclares a scope"));
    }

    [Fact]
    public void EachScope_IsDeclaredOnce()
    {
        var repeated = ScopeConstants().GroupBy(f => f.Value).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(repeated);
    }

    /// <summary>Constants are copied into the code that uses them, so the compiled code cannot tell a constant from a
    /// literal; the source can: a quoted scope name belongs in a <c>…Scopes.cs</c> file.</summary>
    [Fact]
    public void SourceFiles_QuoteScopeNamesOnlyInScopesFiles()
    {
        var quoting = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !Path.GetFileName(f).EndsWith("Scopes.cs", StringComparison.Ordinal))
            .Where(f => QuotedScope().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f))
            .ToList();

        Assert.Empty(quoting);
    }

    private static IEnumerable<(FieldInfo Field, string Value)> ScopeConstants() =>
        Modules.Product.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (Field: f, Value: (string)f.GetRawConstantValue()!))
            .Where(f => ScopeName().IsMatch(f.Value));

    [GeneratedRegex("^[a-z]+:(read|write|delete|publish|manage)$")]
    private static partial Regex ScopeName();

    [GeneratedRegex("\"[a-z]+:(read|write|delete|publish|manage)\"")]
    private static partial Regex QuotedScope();
}
