using System.Text.Json;
using System.Text.Json.Nodes;
using Fluid;
using Fluid.Values;

namespace Integrations.Automation.Templates;

/// <summary>
/// Step inputs are Liquid templates (Fluid) over the run's data: <c>{{ record.email }}</c>,
/// <c>{{ steps.meeting.join_url }}</c>. Sandboxed: the model is plain JSON turned into Liquid values (no .NET object is
/// reachable), no file system (no <c>include</c>/<c>render</c>), and a template stops after a bounded number of steps.
/// Parsed templates are cached by their text.
/// </summary>
internal sealed class WorkflowTemplates
{
    private const int MaxSteps = 10_000;
    private const int MaxRecursion = 10;
    private const int CacheLimit = 10_000;

    private readonly FluidParser parser = new(new FluidParserOptions { AllowFunctions = false });
    private readonly TemplateOptions options = new TemplateOptionsBuilder().WithMaxSteps(MaxSteps).WithMaxRecursion(MaxRecursion).Build();
    private readonly Dictionary<string, IFluidTemplate> cache = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Why <paramref name="source"/> is not a template we can render, or null when it is.</summary>
    public string? Check(string source)
    {
        if (!source.Contains("{{", StringComparison.Ordinal) && !source.Contains("{%", StringComparison.Ordinal))
        {
            return null;
        }

        if (source.Contains("{% include", StringComparison.Ordinal) || source.Contains("{% render", StringComparison.Ordinal))
        {
            return "Templates cannot include other templates.";
        }

        return parser.TryParse(source, out _, out var error) ? null : $"Not a valid template: {error}";
    }

    /// <summary>Renders <paramref name="source"/> over <paramref name="model"/>; text without tags is returned as it is.</summary>
    public async ValueTask<string> RenderAsync(string source, JsonObject model)
    {
        if (!source.Contains("{{", StringComparison.Ordinal) && !source.Contains("{%", StringComparison.Ordinal))
        {
            return source;
        }

        var template = Parsed(source);
        var context = new TemplateContext(options);
        foreach (var (name, value) in model)
        {
            context.SetValue(name, FluidValue.Create(Plain(value), options));
        }

        return await template.RenderAsync(context);
    }

    private IFluidTemplate Parsed(string source)
    {
        lock (gate)
        {
            if (cache.TryGetValue(source, out var cached))
            {
                return cached;
            }
        }

        if (!parser.TryParse(source, out var template, out var error))
        {
            throw new TemplateException($"Not a valid template: {error}");
        }

        lock (gate)
        {
            if (cache.Count >= CacheLimit)
            {
                cache.Clear();
            }

            cache[source] = template;
        }

        return template;
    }

    /// <summary>JSON as the plain values Liquid reads: objects as dictionaries, arrays as lists, numbers as decimals.</summary>
    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => Plain(p.Value), StringComparer.Ordinal),
        JsonArray a => a.Select(Plain).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => v.GetValue<decimal>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        _ => null,
    };
}

/// <summary>A stored template that no longer parses (it was checked when saved).</summary>
internal sealed class TemplateException(string message) : Exception(message);
