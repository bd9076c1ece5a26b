using Integrations.Benchmarks;

// End-to-end benchmarks of the real app over a throwaway PostgreSQL cluster on this machine.
//   dotnet run -c Release --project bench/Integrations.Benchmarks -- api [--seconds 10] [--concurrency 32]
var command = args.FirstOrDefault() ?? "api";
var options = BenchOptions.Parse(args.Skip(1).ToArray());
switch (command)
{
    case "api":
        await ApiBenchmark.RunAsync(options);
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{command}'. Available: api");
        return 2;
}

return 0;
