using Integrations.Apps.Catalogue;
using Microsoft.Extensions.Options;

namespace Integrations.Tests.Apps;

/// <summary>Meta's URLs carry the Graph API version: the catalogue's, or the one configured per app.</summary>
public sealed class MetaCatalogueTests
{
    [Fact]
    public void MetaUrls_CarryTheCataloguesGraphVersion_WhenNoneIsConfigured()
    {
        var pages = new AppCatalogue(Options.Create(new AppsOptions())).Find("facebook-pages")!;

        Assert.Equal(("https://www.facebook.com/v23.0/dialog/oauth", "https://graph.facebook.com/v23.0/oauth/access_token"),
            (pages.Urls["authorize"], pages.Urls["token"]));
        Assert.Equal(("https://graph.facebook.com/v23.0/me?fields=id,name", "https://graph.facebook.com/v23.0"), (pages.Urls["identity"], pages.Urls["api"]));
    }

    [Fact]
    public void MetaUrls_CarryTheConfiguredVersion_InShippedAndOverriddenUrls_OfThatAppOnly()
    {
        var options = new AppsOptions();
        options.Apps["instagram"] = new AppSettings { ApiVersion = "v25.0", Urls = { ["api"] = "http://127.0.0.1:5001/{api_version}" } };

        var catalogue = new AppCatalogue(Options.Create(options));

        var instagram = catalogue.Find("instagram")!;
        Assert.Equal(("https://graph.facebook.com/v25.0/oauth/access_token", "http://127.0.0.1:5001/v25.0"), (instagram.Urls["token"], instagram.Urls["api"]));
        Assert.Equal("https://graph.facebook.com/v23.0", catalogue.Find("facebook-pages")!.Urls["api"]);
    }

    [Theory]
    [InlineData("24")]
    [InlineData("v24")]
    [InlineData("v24.0/../../x")]
    public void ApiVersion_IsRefused_WhenNotAGraphVersion(string version)
    {
        var options = new AppsOptions();
        options.Apps["facebook-pages"] = new AppSettings { ApiVersion = version };

        var result = new AppsOptionsValidation().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Sentinel:Apps:facebook-pages:ApiVersion", result.FailureMessage, StringComparison.Ordinal);
    }
}
