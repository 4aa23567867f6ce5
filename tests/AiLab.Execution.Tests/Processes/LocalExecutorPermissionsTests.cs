using AiLab.Execution.Processes;

namespace AiLab.Execution.Tests.Processes;

/// <summary>Trial logs and events files are private (0600, in 0700 directories) however permissive the umask.</summary>
[Collection(LocalProcessCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalExecutorPermissionsTests : IDisposable
{
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = PrivateFile | UnixFileMode.UserExecute;
    private readonly TrialWorkspace _workspace = new();

    [Fact]
    public async Task RunAsync_UnderPermissiveUmask_LogEventsAndTheirDirectoriesArePrivate()
    {
        var request = _workspace.Request("echo '{\"mark\": \"first_batch\"}' >> \"$AILAB_EVENTS\"; echo out");
        var previous = LibUmask.Set(0);
        try
        {
            var result = await new LocalExecutor().RunAsync(request, default);

            Assert.True(result.Succeeded, result.Reason);
        }
        finally
        {
            LibUmask.Set(previous);
        }

        Assert.Equal(PrivateFile, File.GetUnixFileMode(request.LogPath));
        Assert.Equal(PrivateFile, File.GetUnixFileMode(request.EventsPath));
        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(Path.GetDirectoryName(request.LogPath)!));
        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(Path.GetDirectoryName(request.EventsPath)!));
    }

    public void Dispose() => _workspace.Dispose();
}
