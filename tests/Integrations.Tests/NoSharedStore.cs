using Integrations.Platform.Limits;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Integrations.Tests;

/// <summary>No <c>ConnectionStrings:Redis</c>: the limits count in this process, as on one instance.</summary>
internal static class NoSharedStore
{
    public static SharedStore Store { get; } = new(new ConfigurationBuilder().Build(), NullLogger<SharedStore>.Instance);

    public static SharedWindows Windows { get; } = new(Store);
}
