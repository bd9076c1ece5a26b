using Microsoft.Extensions.Options;

namespace Integrations.Imports.Jobs;

/// <summary>Where an upload waits for its job: <c>{Folder}/{jobId}{extension}</c>.</summary>
internal static class ImportUploads
{
    public static string PathFor(IOptions<ImportOptions> options, Guid jobId, string fileName)
    {
        Directory.CreateDirectory(options.Value.Folder);
        var extension = Path.GetExtension(fileName).ToLowerInvariant() is ".xlsx" ? ".xlsx" : ".csv";
        return Path.Combine(options.Value.Folder, jobId.ToString("N") + extension);
    }

    public static async Task SaveAsync(Stream upload, string path, CancellationToken ct)
    {
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81_920, FileOptions.Asynchronous);
        await upload.CopyToAsync(target, ct);
    }

    /// <summary>Best effort: a file still open elsewhere (Windows) is left for whoever closes it.</summary>
    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
