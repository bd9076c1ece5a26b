using Integrations.Apps.Catalogue;
using Microsoft.Extensions.Options;

namespace Integrations.Tests.Apps;

public sealed class AppCatalogueTests
{
    [Fact]
    public void Catalogue_HasTheFirstFiveApps_WithTheirProvidersRealUrls()
    {
        var catalogue = new AppCatalogue(Options.Create(new AppsOptions()));

        Assert.Equal(["gmail", "outlook", "google-calendar", "ga4", "slack"], catalogue.All.Select(a => a.Id).Take(5));
        Assert.Equal("https://oauth2.googleapis.com/token", catalogue.Find("gmail")!.Urls["token"]);
        Assert.Equal("https://login.microsoftonline.com/common/oauth2/v2.0/authorize", catalogue.Find("outlook")!.Urls["authorize"]);
        Assert.Equal("https://slack.com/api/oauth.v2.access", catalogue.Find("slack")!.Urls["token"]);
        Assert.Equal(",", catalogue.Find("slack")!.Auth.ScopeSeparator);
        Assert.All(catalogue.All.Where(a => a.Id != "whatsapp"), app => Assert.Equal(AppAuth.OAuth2, app.Auth.Kind));
        Assert.Equal((AppAuth.Credentials, "https://graph.facebook.com/v23.0"), (catalogue.Find("whatsapp")!.Auth.Kind, catalogue.Find("whatsapp")!.Urls["api"]));
        Assert.Equal(("https://www.linkedin.com/oauth/v2/accessToken", "https://api.linkedin.com/v2/userinfo"),
            (catalogue.Find("linkedin")!.Urls["token"], catalogue.Find("linkedin")!.Urls["identity"]));
        Assert.False(catalogue.Find("linkedin")!.Urls.ContainsKey("revoke"));
        Assert.All(catalogue.All, app => Assert.All(app.Urls.Values, url => Assert.StartsWith("https://", url, StringComparison.Ordinal)));
        Assert.Contains(catalogue.Find("gmail")!.Actions, a => a.Id == "send_email" && a.Fields.Any(f => f is { Name: "to", Required: true }));
    }

    [Fact]
    public void Overrides_ReplaceAnAppsUrlsByName_AndLeaveTheRestAsShipped()
    {
        var options = new AppsOptions();
        options.Apps["gmail"] = new AppSettings { Urls = { ["token"] = "http://127.0.0.1:5001/token", ["api"] = "http://127.0.0.1:5001" } };

        var catalogue = new AppCatalogue(Options.Create(options));

        var gmail = catalogue.Find("gmail")!;
        Assert.Equal(("http://127.0.0.1:5001/token", "http://127.0.0.1:5001"), (gmail.Urls["token"], gmail.Urls["api"]));
        Assert.Equal("https://accounts.google.com/o/oauth2/v2/auth", gmail.Urls["authorize"]);
        Assert.Equal("https://oauth2.googleapis.com/token", catalogue.Find("google-calendar")!.Urls["token"]);
    }

    [Theory]
    [InlineData("gmial", "token", "https://example.com/token", "there is no app 'gmial'")]
    [InlineData("slack", "token", "/api/oauth.v2.access", "Sentinel:Apps:slack:Urls:token is not an absolute http(s) URL")]
    [InlineData("slack", "api", "ftp://example.com", "Sentinel:Apps:slack:Urls:api is not an absolute http(s) URL")]
    public void Validation_RefusesAnUnknownAppOrAUrlThatIsNotHttp(string app, string name, string url, string says)
    {
        var options = new AppsOptions();
        options.Apps[app] = new AppSettings { Urls = { [name] = url } };

        var result = new AppsOptionsValidation().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(says, result.FailureMessage, StringComparison.Ordinal);
    }
}
