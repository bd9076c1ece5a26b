using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Automation.Steps;
using Integrations.Platform.Data;
using Integrations.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Automation.Runs;

/// <summary>A step that takes longer than the lease keeps its run: the executor renews the leases of what it works on.</summary>
public sealed class LeaseTests(LeaseTests.SlowStepApp app) : IClassFixture<LeaseTests.SlowStepApp>
{
    /// <summary>The automation app with <c>test_slow</c>: a step that counts its calls and answers when the test lets it.</summary>
    public sealed class SlowStepApp : AutomationApp
    {
        internal SlowStep Slow { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStepType>(Slow));
        }
    }

    internal sealed class SlowStep : IStepType
    {
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int calls;

        public string Type => "test_slow";
        public string Title => "Slow (tests)";
        public string Description => "Answers when the test releases it.";
        public IReadOnlyList<StepField> Fields { get; } = [];
        public bool SafeToDryRun => true;
        public int Calls => Volatile.Read(ref calls);

        public void Release() => release.TrySetResult();

        public void Check(StepDefinition step, StepChecks checks)
        {
        }

        public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct)
        {
            Interlocked.Increment(ref calls);
            await release.Task.WaitAsync(ct);
            return StepOutcome.Done(new JsonObject { ["calls"] = Calls });
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LongStep_IsNotClaimedAgain_WhenItOutlastsItsFirstLease()
    {
        var (_, client) = await app.WorkspaceAsync();
        var workflow = await AutomationApp.CreateWorkflowAsync(client, new JsonObject
        {
            ["name"] = "Slow step",
            ["trigger"] = new JsonObject { ["type"] = "record.created", ["object"] = "contact" },
            ["steps"] = new JsonArray(new JsonObject { ["id"] = "slow", ["type"] = "test_slow" }),
        }, Ct);
        await AutomationApp.CreateContactAsync(client, new { first_name = "Ada", email = "ada@slow.test" }, Ct);
        await Poll.UntilAsync(() => Task.FromResult(app.Slow.Calls), calls => calls == 1, TimeSpan.FromSeconds(20), calls => $"The step was called {calls} times.");
        var firstLease = await LeaseAsync();

        // Past a third of the lease the executor renews it; past the first lease's end, the run is still its own.
        app.Advance(TimeSpan.FromSeconds(25));
        await Poll.UntilAsync(LeaseAsync, lease => lease > firstLease, TimeSpan.FromSeconds(20), lease => $"The lease stayed at {lease} (first {firstLease}).");
        app.Advance(TimeSpan.FromSeconds(45));
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        Assert.Equal(1, app.Slow.Calls);

        app.Slow.Release();
        var runs = await AutomationApp.WaitForRunsAsync(client, workflow, r => r.Count == 1 && AutomationApp.Status(r[0]) == "succeeded", Ct);
        Assert.Equal(0, runs[0].GetProperty("attempts").GetInt32());
        Assert.Equal(1, app.Slow.Calls);
    }

    private async Task<DateTimeOffset?> LeaseAsync()
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database
            .SqlQueryRaw<DateTimeOffset?>("SELECT lease_until AS \"Value\" FROM workflow_runs").SingleAsync(Ct);
    }
}
