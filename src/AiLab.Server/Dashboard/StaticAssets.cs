using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace AiLab.Server.Dashboard;

/// <summary>Serves the files under wwwroot/ that are embedded in the assembly (uPlot and the dashboard's own script
/// and style): the server needs no files on disk and no CDN.</summary>
internal static class StaticAssets
{
    private static readonly ConcurrentDictionary<string, byte[]?> Cache = new(StringComparer.Ordinal);

    public static IResult Serve(string path)
    {
        var bytes = Cache.GetOrAdd(path, Load);
        if (bytes is null) return TypedResults.NotFound();
        var type = Path.GetExtension(path) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "text/plain; charset=utf-8",
        };
        return TypedResults.Bytes(bytes, type);
    }

    private static byte[]? Load(string path)
    {
        using var stream = typeof(StaticAssets).Assembly.GetManifestResourceStream("wwwroot/" + path);
        if (stream is null) return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
