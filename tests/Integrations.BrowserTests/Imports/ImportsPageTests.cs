using Integrations.Imports.Running;
using Integrations.Platform.Ids;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Integrations.BrowserTests.Imports;

public sealed class ImportsPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ImportsPage_SwitchesTheColumnGuide_WhenAnotherObjectIsChosen()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/integrations/imports");

        await page.GetByRole(AriaRole.Link, new() { Name = "Products" }).ClickAsync();

        var guide = page.Locator("#column-guide");
        await Assertions.Expect(guide).ToContainTextAsync("product code");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download product template CSV" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "imports-guide-products");
    }

    [Fact]
    public async Task Upload_ShowsLiveProgressToCompletedWithErrorsAndDownloadsErrors_WhenOneRowIsBad()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/integrations/imports");
        var file = Path.Combine(Path.GetTempPath(), $"browser-contacts-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "first_name,email\r\nAda,ada@example.com\r\nBob,bob@\r\nCy,cy@example.com\r\n",
            TestContext.Current.CancellationToken);
        try
        {
            await page.Locator("input[type=file]").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Start import" }).ClickAsync();
            var row = page.Locator("#import-jobs tbody tr").Filter(new() { HasText = Path.GetFileName(file) });
            await Assertions.Expect(row).ToContainTextAsync("Queued");

            // Hangfire's server is off in tests: run the queued job the way it would, while the page polls.
            await RunAsync(await row.GetAttributeAsync("data-job-id"));

            await Assertions.Expect(row.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", "100");
            await Assertions.Expect(row.Locator(".status")).ToHaveTextAsync("Completed with errors");
            await Assertions.Expect(row).ToContainTextAsync("3 / 3");
            await Assertions.Expect(row).ToContainTextAsync("66.7%");
            await Screenshots.SaveAsync(page, "imports-completed-with-errors");
            var download = await page.RunAndWaitForDownloadAsync(() => row.GetByRole(AriaRole.Link, new() { Name = "Download errors" }).ClickAsync());
            var csv = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
            Assert.Contains("3,email 'bob@' is not a valid email address.,Bob,bob@", csv, StringComparison.Ordinal);
            Assert.EndsWith("-errors.csv", download.SuggestedFilename, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Upload_KeepsTheChosenMode_ForTheNextFile()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/integrations/imports");
        var file = Path.Combine(Path.GetTempPath(), $"browser-upsert-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "email\r\nada@example.com\r\n", TestContext.Current.CancellationToken);
        try
        {
            var upsert = page.GetByRole(AriaRole.Radio, new() { Name = "Upsert", Exact = true });
            await upsert.CheckAsync();
            await page.Locator("input[type=file]").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Start import" }).ClickAsync();

            // The page the upload redirects to, not the one the radio was clicked on, shows Upsert chosen.
            await page.WaitForURLAsync("**/integrations/imports?object=contact&mode=Upsert");
            var row = page.Locator("#import-jobs tbody tr").Filter(new() { HasText = Path.GetFileName(file) });
            await Assertions.Expect(row).ToContainTextAsync("Upsert");
            await Assertions.Expect(upsert).ToBeCheckedAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Create only", Exact = true })).Not.ToBeCheckedAsync();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task RunAsync(string? importId)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.Import, importId!, out var jobId));
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ImportJobRunner>().RunAsync(jobId, TestContext.Current.CancellationToken);
    }
}
