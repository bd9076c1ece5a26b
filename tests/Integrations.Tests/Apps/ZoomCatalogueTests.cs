using Integrations.Apps.Catalogue;
using Integrations.Apps.Providers.Zoom;
using Microsoft.Extensions.Options;

namespace Integrations.Tests.Apps;

public sealed class ZoomCatalogueTests
{
    [Fact]
    public void Zoom_ConnectsWithZoomsRealUrls_BasicClientAuth_AndRotatingRefreshTokens()
    {
        var zoom = new AppCatalogue(Options.Create(new AppsOptions())).Find("zoom")!;

        Assert.Equal(("https://zoom.us/oauth/authorize", "https://zoom.us/oauth/token", "https://zoom.us/oauth/revoke"),
            (zoom.Urls["authorize"], zoom.Urls["token"], zoom.Urls["revoke"]));
        Assert.Equal(("https://api.zoom.us/v2/users/me", "https://api.zoom.us/v2"), (zoom.Urls["identity"], zoom.Urls["api"]));
        Assert.Equal(("basic", true, "$.email"), (zoom.Auth.ClientAuth, zoom.Auth.RotatesRefreshTokens, zoom.Auth.AccountPath));
        Assert.Equal("$.account_id", zoom.Auth.AccountSettings["zoom_account_id"]);
        Assert.Equal(["meetings"], zoom.Syncs.Select(s => s.Id));
        Assert.Equal(["create_meeting"], zoom.Actions.Select(a => a.Id));
        Assert.Equal(["meeting_ended", "participant_joined"], zoom.Triggers.Select(t => t.Id));
    }

    [Fact]
    public void MeetingNotes_ReadBackWhatTheyWrote_AndKeepWhatANewerWriteDoesNotKnow()
    {
        var scheduled = new ZoomMeetingNotes("85746065432", "https://us06web.zoom.us/j/85746065432", 30);
        var ended = new ZoomMeetingNotes(EndedAt: new DateTimeOffset(2026, 12, 4, 15, 42, 0, TimeSpan.Zero), LastedMinutes: 42);

        var body = ZoomMeetingNotes.Parse(scheduled.Format()).With(ended).Format();

        Assert.Equal("Zoom meeting 85746065432\nJoin: https://us06web.zoom.us/j/85746065432\nScheduled for 30 minutes\nEnded 2026-12-04T15:42:00Z after 42 minutes", body);
        Assert.Equal(scheduled.With(ended), ZoomMeetingNotes.Parse(body));
        Assert.False(ZoomMeetingNotes.Parse("A note someone typed").HasEnded);
    }
}
