using Integrations.Testing;

namespace Integrations.IntegrationTests.Imports;

/// <summary>The app with its own upload folder and a Starter plan that imports at most five rows at a time
/// and holds at most seven records.</summary>
public sealed class ImportsApp : SentinelApp
{
    public const int StarterImportRows = 5;
    public const int StarterMaxRecords = 7;

    public string UploadFolder { get; } = Path.Combine(Path.GetTempPath(), "sentinel-imports-" + Guid.NewGuid().ToString("N"));

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Sentinel:Plans:Starter:ImportRows"] = StarterImportRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sentinel:Plans:Starter:MaxRecords"] = StarterMaxRecords.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sentinel:Imports:Folder"] = UploadFolder,
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(UploadFolder))
        {
            Directory.Delete(UploadFolder, recursive: true);
        }
    }
}
