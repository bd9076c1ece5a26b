using Integrations.Apps.Providers.LinkedIn;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Tests.Apps;

public sealed class LinkedInOptionsTests
{
    [Theory]
    [InlineData(null, "202605")]
    [InlineData("202611", "202611")]
    public void ApiVersion_IsTheConfiguredOne_OrTheDefault(string? configured, string expected) =>
        Assert.Equal(expected, Options(configured).Value.ApiVersion);

    [Theory]
    [InlineData("2026-05")]
    [InlineData("202613")]
    [InlineData("v2")]
    public void ApiVersion_IsRefused_WhenNotYyyyMm(string configured)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Options(configured).Value);

        Assert.Contains("Sentinel:Apps:linkedin:ApiVersion", refused.Message, StringComparison.Ordinal);
    }

    private static IOptions<LinkedInOptions> Options(string? version)
    {
        var settings = version is null ? [] : new Dictionary<string, string?> { ["Sentinel:Apps:linkedin:ApiVersion"] = version };
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLinkedIn(config).BuildServiceProvider().GetRequiredService<IOptions<LinkedInOptions>>();
    }
}
