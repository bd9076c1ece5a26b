using Integrations.Apps.Catalogue;
using Integrations.Web.Pages.Apps;
using Microsoft.Extensions.Primitives;

namespace Integrations.IntegrationTests.Apps;

/// <summary>The app page's forms read back into an action's input or a connection's settings.</summary>
public sealed class FormFieldsTests
{
    private static readonly ActionField Start = new("start", "Starts at", "datetime", true);

    [Theory]
    [InlineData("America/New_York", "2026-12-04T15:00", "2026-12-04T15:00:00-05:00")]
    [InlineData("America/New_York", "2026-07-04T15:00", "2026-07-04T15:00:00-04:00")]
    [InlineData("Asia/Kolkata", "2026-12-04T15:00", "2026-12-04T15:00:00+05:30")]
    [InlineData("", "2026-12-04T15:00", "2026-12-04T15:00:00+00:00")]
    [InlineData("Not/AZone", "2026-12-04T15:00", "2026-12-04T15:00:00+00:00")]
    public void Input_GivesADatetimeTheOffsetOfTheBrowsersZone(string zone, string local, string expected)
    {
        var input = FormFields.Input([Start], Form(("tz", zone), ("input.start", local)), "input.");

        Assert.Equal(expected, input["start"]!.GetValue<string>());
    }

    [Fact]
    public void Input_LeavesOutEmptyFields_SoARequiredOneIsReportedMissing()
    {
        var input = FormFields.Input([Start, new("text", "Text", "long_text", false)], Form(("input.start", ""), ("input.text", "Hi")), "input.");

        Assert.Equal(["text"], input.Select(p => p.Key));
    }

    [Fact]
    public void Settings_SendEveryField_AnUntickedBoxAsFalse_ChosenChannelsAsAList_AndEmptyOnesEmpty()
    {
        ActionField[] fields =
        [
            new("create_contacts", "Create contacts", "boolean", false),
            new("channels", "Channels", "channels", false),
            new("api_secret", "Secret", "secret", false),
        ];

        var settings = FormFields.Settings(fields, Form(("settings.channels", "C01"), ("settings.channels", "C02"), ("settings.channels", "")), "settings.");

        Assert.Equal("""{"create_contacts":false,"channels":["C01","C02"],"api_secret":""}""", settings.ToJsonString());
    }

    private static Dictionary<string, StringValues> Form(params (string Name, string Value)[] fields) =>
        fields.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => new StringValues([.. g.Select(f => f.Value)]));
}
