using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Apps.Posts;
using Integrations.Automation.Definitions;
using Integrations.Automation.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Automation.Steps.SchedulePost;

/// <summary><c>schedule_post</c> <c>{"connection_id", "text", "link", "image_url", "publish_at"}</c>: schedules a social
/// post through the posts' own facade (<see cref="ScheduledPosts"/>, the same checks as <c>POST /api/v1/posts</c>).
/// Output <c>{"id", "status", "publish_at"}</c>; a refusal fails the step with the posts' messages.</summary>
internal sealed class SchedulePostStep(WorkflowTemplates templates) : IStepType
{
    private static readonly string[] Inputs = ["connection_id", "text", "link", "image_url", "publish_at"];

    public string Type => "schedule_post";
    public string Title => "Schedule a post";
    public string Description => "Schedules a post on LinkedIn, a Facebook Page or Instagram.";
    public bool SafeToDryRun => false;

    public IReadOnlyList<StepField> Fields { get; } =
    [
        new("connection_id", "connection", true, "The connected account to post as (cxn_…)."),
        new("text", "text", true, "The post's text; a template."),
        new("link", "text", false, "A link to share; a template."),
        new("image_url", "text", false, "An image URL (Instagram needs one); a template."),
        new("publish_at", "text", false, "When, ISO 8601 with an offset (a template); now when empty."),
    ];

    public void Check(StepDefinition step, StepChecks checks)
    {
        foreach (var name in Inputs)
        {
            if (step.Json[name] is { } value && !StepJson.IsText(value))
            {
                checks.Add(name, $"{name} must be text or a template.");
            }

            checks.Template(name, StepJson.Text(step.Json, name));
        }

        if (string.IsNullOrWhiteSpace(StepJson.Text(step.Json, "connection_id")))
        {
            checks.Add("connection_id", "connection_id is required (cxn_…).");
        }

        if (string.IsNullOrWhiteSpace(StepJson.Text(step.Json, "text")))
        {
            checks.Add("text", "text is required.");
        }
    }

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in Inputs)
        {
            values[name] = StepJson.Text(context.Step.Json, name) is { } source ? Empty(await templates.RenderAsync(source, context.Data)) : null;
        }

        var request = new ScheduleRequest(values["connection_id"], values["text"], values["link"], values["image_url"],
            values["publish_at"] ?? context.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        if (context.DryRun)
        {
            return StepOutcome.Done(new JsonObject
            {
                ["would"] = new JsonObject
                {
                    ["connection_id"] = request.ConnectionId, ["text"] = request.Text, ["link"] = request.Link,
                    ["image_url"] = request.ImageUrl, ["publish_at"] = request.PublishAt,
                },
            });
        }

        var (view, errors) = await context.Services.GetRequiredService<ScheduledPosts>().ScheduleAsync(request, ct);
        return view is not null
            ? StepOutcome.Done(new JsonObject
            {
                ["id"] = view.Id, ["status"] = view.Status, ["publish_at"] = view.PublishAt.ToString("O", CultureInfo.InvariantCulture),
            })
            : StepOutcome.Failed(string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
    }

    private static string? Empty(string text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
