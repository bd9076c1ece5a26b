using System.Net;
using Integrations.ApiKeys.Keys;
using Integrations.Platform.Data;
using Integrations.Platform.Workspaces;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.ApiKeys;

/// <summary>Each test class gets its own app, so the set of pre-checksum keys is read after the test arranged its own.</summary>
public sealed class KeyChecksumTests(KeyQueryCountingApp app) : IClassFixture<KeyQueryCountingApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KeysFromBeforeChecksums_KeepWorking_AndAMistypedKeyIsMalformedWithoutALookup()
    {
        var legacy = "sk_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Assert.False(KeyFormat.HasValidChecksum(legacy));
        await StoreAsPreChecksumKeyAsync(legacy);
        var issued = await Keys.IssueAsync(app, ["crm:read"]);
        var mistyped = issued.Key[..^1] + (issued.Key[^1] == '0' ? '1' : '0');
        Assert.Equal(HttpStatusCode.OK, (await app.Client(legacy).GetAsync("/api/v1/records/contact", Ct)).StatusCode);
        var before = app.Queries.Count;

        var refused = await app.Client(mistyped).GetAsync("/api/v1/records/contact", Ct);
        var truncatedAndPadded = await app.Client(issued.Key[..40] + new string('0', 27)).GetAsync("/api/v1/records/contact", Ct);

        await refused.AssertKeyRefusedAsync("malformed_api_key");
        await truncatedAndPadded.AssertKeyRefusedAsync("malformed_api_key");
        Assert.Equal(0, app.Queries.Count - before);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(issued.Key).GetAsync("/api/v1/records/contact", Ct)).StatusCode);
    }

    /// <summary>A key as issued before checksums: 64 random hex characters, stored with <c>has_checksum</c> false.</summary>
    private async Task StoreAsPreChecksumKeyAsync(string secret)
    {
        await using var scope = app.Scope();
        var workspace = (await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().FirstAsync(Ct))!;
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        db.Add(new ApiKey
        {
            Id = Guid.CreateVersion7(), WorkspaceId = workspace.Id, Name = "From before checksums", Hash = KeyFormat.Hash(secret),
            Prefix = KeyFormat.DisplayPrefix(secret), Scopes = ["crm:read"], CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync(Ct);
    }
}
