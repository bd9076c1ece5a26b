using System.Net;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Imports;

public sealed class ImportsPageTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportsPage_ShowsTheColumnGuide_ForTheChosenObject()
    {
        var client = app.CreateClient();
        await SentinelApp.SignInAsync(client, Ct);

        var products = await client.GetStringAsync("/integrations/imports?object=product", Ct);
        var contacts = await client.GetStringAsync("/integrations/imports", Ct);

        Assert.Contains("product code", products, StringComparison.Ordinal);
        Assert.Contains("Columns for products", products, StringComparison.Ordinal);
        Assert.Contains("e-mail", contacts, StringComparison.Ordinal);
        Assert.Contains("Each row needs at least one of: email, first_name, last_name.", contacts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_DownloadsACsvWithTheObjectsColumns()
    {
        var client = app.CreateClient();
        await SentinelApp.SignInAsync(client, Ct);

        var response = await client.GetAsync("/integrations/imports?object=deal&handler=Template", Ct);
        var csv = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF');

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("deal-import-template.csv", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("name,amount,currency,stage,close_date,account_id,contact_id\r\n", csv, StringComparison.Ordinal);
        Assert.Equal(3, csv.Split("\r\n").Length);
    }

    [Fact]
    public async Task ImportsPage_Is404_ForAnUnknownObject()
    {
        var client = app.CreateClient();
        await SentinelApp.SignInAsync(client, Ct);

        var response = await client.GetAsync("/integrations/imports?object=invoice", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
