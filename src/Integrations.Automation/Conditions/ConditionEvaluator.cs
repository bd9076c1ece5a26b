using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;

namespace Integrations.Automation.Conditions;

/// <summary>
/// The one evaluator of conditions, for trigger filters and <c>if</c> steps alike. A list is an AND; a group is an AND
/// (<c>all</c>) or an OR (<c>any</c>). Text compares without regard to case; numbers as numbers; dates as instants.
/// </summary>
internal static class ConditionEvaluator
{
    public static bool Holds(IReadOnlyList<Condition> conditions, ConditionSubject subject) =>
        conditions.All(c => Holds(c, subject));

    /// <summary>Whether the conditions hold now and did not before the change (<see cref="ConditionModes.BecameTrue"/>).
    /// A record that did not exist before (a create) did not satisfy them.</summary>
    public static bool BecameTrue(IReadOnlyList<Condition> conditions, ConditionSubject subject) =>
        Holds(conditions, subject) && (subject.Before() is not { } before || !Holds(conditions, before));

    public static bool Holds(Condition condition, ConditionSubject subject)
    {
        if (condition.All is { } all)
        {
            return all.All(c => Holds(c, subject));
        }

        if (condition.Any is { } any)
        {
            return any.Any(c => Holds(c, subject));
        }

        if (condition.Field is not { } field)
        {
            return false;
        }

        var actual = subject.Read(field);
        var expected = condition.Value;
        return condition.Op switch
        {
            ConditionOps.EqualsTo => AreEqual(actual, expected),
            ConditionOps.NotEquals => !AreEqual(actual, expected),
            ConditionOps.Contains => Contains(actual, expected),
            ConditionOps.NotContains => !Contains(actual, expected),
            ConditionOps.StartsWith => Text(actual) is { } a && Text(expected) is { } s && a.StartsWith(s, StringComparison.OrdinalIgnoreCase),
            ConditionOps.EndsWith => Text(actual) is { } b && Text(expected) is { } e && b.EndsWith(e, StringComparison.OrdinalIgnoreCase),
            ConditionOps.GreaterThan => Compare(actual, expected) > 0,
            ConditionOps.LessThan => Compare(actual, expected) < 0,
            ConditionOps.IsEmpty => IsEmpty(actual),
            ConditionOps.IsNotEmpty => !IsEmpty(actual),
            ConditionOps.Changed => subject.HasChanged(field),
            ConditionOps.ChangedTo => subject.HasChanged(field) && AreEqual(actual, expected),
            _ => false,
        };
    }

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject o => o.Count == 0,
        _ => Text(node) is { Length: 0 } || (Text(node) is { } t && string.IsNullOrWhiteSpace(t)),
    };

    private static bool AreEqual(JsonNode? actual, JsonNode? expected)
    {
        if (actual is null || expected is null)
        {
            return IsEmpty(actual) && IsEmpty(expected);
        }

        if (Number(actual) is { } a && Number(expected) is { } b)
        {
            return a == b;
        }

        if (Kind(actual) is JsonValueKind.True or JsonValueKind.False || Kind(expected) is JsonValueKind.True or JsonValueKind.False)
        {
            return string.Equals(Text(actual), Text(expected), StringComparison.OrdinalIgnoreCase);
        }

        return Text(actual) is { } x && Text(expected) is { } y && string.Equals(x, y, StringComparison.OrdinalIgnoreCase);
    }

    private static bool Contains(JsonNode? actual, JsonNode? expected) => actual switch
    {
        JsonArray items => items.Any(item => AreEqual(item, expected)),
        _ => Text(actual) is { } a && Text(expected) is { } s && a.Contains(s, StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>Numbers as numbers, else dates as instants; null when the two cannot be ordered.</summary>
    private static int? Compare(JsonNode? actual, JsonNode? expected)
    {
        if (Number(actual) is { } a && Number(expected) is { } b)
        {
            return a.CompareTo(b);
        }

        if (Date(actual) is { } x && Date(expected) is { } y)
        {
            return x.CompareTo(y);
        }

        return null;
    }

    private static JsonValueKind? Kind(JsonNode? node) => (node as JsonValue)?.GetValueKind();

    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
        _ => null,
    };

    private static decimal? Number(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => n,
        JsonValue v when v.GetValueKind() == JsonValueKind.String
            && decimal.TryParse(v.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var s) => s,
        _ => null,
    };

    private static DateTimeOffset? Date(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
}
