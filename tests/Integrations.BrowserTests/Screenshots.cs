using Integrations.Testing;
using Microsoft.Playwright;

namespace Integrations.BrowserTests;

public static class Screenshots
{
    /// <summary>Saves a full-page screenshot under <c>TestResults/screenshots</c> for a human to look at.</summary>
    public static Task SaveAsync(IPage page, string name) => page.ScreenshotAsync(new()
    {
        Path = Path.Combine(RepositoryRoot.Path, "TestResults", "screenshots", name + ".png"),
        FullPage = true,
    });
}
