namespace Integrations.Testing.Fakes.OAuth;

/// <summary>The faults a test planned: the next N requests to a path (or below it) get a fault, in the order planned.</summary>
internal sealed class FaultPlan
{
    private readonly Lock gate = new();
    private readonly List<Planned> planned = [];

    public void Add(string path, FakeFault fault, int times)
    {
        lock (gate)
        {
            planned.Add(new Planned(path.TrimEnd('/'), fault) { Left = times });
        }
    }

    public FakeFault? Take(string path)
    {
        lock (gate)
        {
            var next = planned.Find(p => p.Left > 0 && (path == p.Path || path.StartsWith(p.Path + "/", StringComparison.Ordinal)));
            if (next is not null)
            {
                next.Left--;
            }

            return next?.Fault;
        }
    }

    private sealed record Planned(string Path, FakeFault Fault)
    {
        public int Left { get; set; }
    }
}
