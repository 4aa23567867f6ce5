using AiLab.Application.Settings;

namespace AiLab.Application.Remote;

/// <summary>The base address of an AiLab server (<c>--server URL</c>), checked at the edge.</summary>
public static class ServerAddress
{
    /// <summary>The absolute http(s) URL <paramref name="text"/> names, with a trailing slash so that relative API
    /// paths resolve under it (a server behind a path prefix works too).</summary>
    /// <exception cref="LabInputException">Not an absolute http or https URL.</exception>
    public static Uri Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new
                LabInputException("--server is empty; give the server's URL, e.g. --server http://127.0.0.1:5380");
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            throw new LabInputException(
                $"--server '{text}' is not an http or https URL; give the address 'ailab serve' printed, e.g. "
                + "--server http://127.0.0.1:5380");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            throw new LabInputException($"--server '{text}' has a query or fragment; give the server's base URL only");
        var path = uri.AbsolutePath.EndsWith('/') ? uri.AbsolutePath : uri.AbsolutePath + "/";
        return new UriBuilder(uri) { Path = path }.Uri;
    }
}
