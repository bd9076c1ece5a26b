using System.Text.Json.Nodes;

namespace Integrations.Automation.Runs;

/// <summary>
/// A run's data as conditions and templates read it: <c>trigger</c> (what started it), and for a record's change
/// <c>record</c>, <c>previous</c> and <c>changed_fields</c> from it; <c>steps</c> holds each finished step's output.
/// </summary>
internal static class RunData
{
    public static JsonObject From(JsonObject trigger, JsonObject? steps = null)
    {
        var data = new JsonObject { ["trigger"] = trigger.DeepClone() };
        foreach (var name in (string[])["record", "previous", "changed_fields"])
        {
            if (trigger[name] is { } node)
            {
                data[name] = node.DeepClone();
            }
        }

        data["steps"] = steps ?? [];
        return data;
    }
}
