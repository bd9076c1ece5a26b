using Integrations.Automation.Steps.AddNote;
using Integrations.Automation.Steps.AppAction;
using Integrations.Automation.Steps.CreateRecord;
using Integrations.Automation.Steps.Delay;
using Integrations.Automation.Steps.HttpRequest;
using Integrations.Automation.Steps.If;
using Integrations.Automation.Steps.PublishEvent;
using Integrations.Automation.Steps.SchedulePost;
using Integrations.Automation.Steps.UpdateRecord;
using Integrations.Automation.Steps.UpsertRecord;
using Integrations.Platform.Outbound;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Automation.Steps;

/// <summary>Every step type there is, by its <c>type</c> name.</summary>
internal sealed class StepTypes(IEnumerable<IStepType> types)
{
    private readonly Dictionary<string, IStepType> byType = types.ToDictionary(t => t.Type, StringComparer.Ordinal);

    public IReadOnlyCollection<IStepType> All => byType.Values;

    public IStepType? Find(string type) => byType.GetValueOrDefault(type);
}

internal static class StepTypeRegistration
{
    public static IServiceCollection AddStepTypes(this IServiceCollection services)
    {
        services.AddSingleton<StepTypes>();
        services.AddSingleton<IStepType, UpdateRecordStep>();
        services.AddSingleton<IStepType, HttpRequestStep>();
        services.AddSingleton<IStepType, IfStep>();
        services.AddSingleton<IStepType, CreateRecordStep>();
        services.AddSingleton<IStepType, UpsertRecordStep>();
        services.AddSingleton<IStepType, AddNoteStep>();
        services.AddSingleton<IStepType, AppActionStep>();
        services.AddSingleton<IStepType, PublishEventStep>();
        services.AddSingleton<IStepType, DelayStep>();
        services.AddSingleton<IStepType, SchedulePostStep>();
        services.AddOutboundHttpClient(HttpRequestStep.ClientName, (client, _) => client.ConnectTimeout = HttpRequestStep.Timeout);
        return services;
    }
}
