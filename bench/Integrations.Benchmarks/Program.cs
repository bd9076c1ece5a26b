using Integrations.Benchmarks;

// End-to-end benchmarks of the real app over a throwaway PostgreSQL cluster on this machine.
//   dotnet run -c Release --project bench/Integrations.Benchmarks -- api [--seconds 10] [--concurrency 32]
//   dotnet run -c Release --project bench/Integrations.Benchmarks -- webhooks [--seconds 60] [--rate 1000] [--concurrency 64]
//   dotnet run -c Release --project bench/Integrations.Benchmarks -- imports [--rows 10000,1000000] [--mode upsert|create] [--warmup 100000] [--reimport] [--workflow]
//   dotnet run -c Release --project bench/Integrations.Benchmarks -- apps [--messages 100000] [--connections 10000] [--latency 0]
//   dotnet run -c Release --project bench/Integrations.Benchmarks -- workflows [--seconds 60] [--rate 200]
//   dotnet run -c Release --project bench/Integrations.Benchmarks -- instances [--events 5000] [--rows 25000] [--rounds 4]
if (!AppRuntime.IsSet)
{
    return await AppRuntime.RestartAsync(args);
}

var command = args.FirstOrDefault() ?? "api";
var options = BenchOptions.Parse(args.Skip(1).ToArray());
switch (command)
{
    case "api":
        await ApiBenchmark.RunAsync(options);
        break;
    case "webhooks":
        await WebhookBenchmark.RunAsync(options);
        break;
    case "imports":
        await ImportBenchmark.RunAsync(options);
        break;
    case "apps":
        await AppsBenchmark.RunAsync(options);
        break;
    case "workflows":
        await WorkflowBenchmark.RunAsync(options);
        break;
    case "instances":
        await InstancesBenchmark.RunAsync(options);
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{command}'. Available: api, webhooks, imports, apps, workflows, instances");
        return 2;
}

return 0;
