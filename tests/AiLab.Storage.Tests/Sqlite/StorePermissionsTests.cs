using System.Runtime.InteropServices;
using AiLab.Storage.Sqlite;

namespace AiLab.Storage.Tests.Sqlite;

/// <summary>A store AiLab creates is private to its owner whatever the umask: 0600 files, 0700 directories.</summary>
[Collection(UmaskCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StorePermissionsTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void Open_NewStoreUnderPermissiveUmask_DatabaseWalShmAndDirectoriesArePrivate()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "home", "nested", "ailab.db");
        var previous = Umask(0);
        try
        {
            using var store = new SqliteExperimentStore(path);
            store.Create(Samples.Experiment("ab-perm"));

            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                Assert.True(File.Exists(file), $"{file} missing");
                Assert.Equal(Private, File.GetUnixFileMode(file));
            }

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(Path.Combine(temp.Path, "home")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
                File.GetUnixFileMode(Path.Combine(temp.Path, "home", "nested")));
        }
        finally
        {
            Umask(previous);
        }
    }

    [Fact]
    public void Open_ExistingSharedStore_KeepsTheModeItsOwnerChose()
    {
        using var temp = new TempDirectory();
        var path = temp.File("shared.db");
        using (new SqliteExperimentStore(path))
        {
        }

        const UnixFileMode Shared = Private | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
        File.SetUnixFileMode(path, Shared);
        using (new SqliteExperimentStore(path))
            Assert.Equal(Shared, File.GetUnixFileMode(path));
    }

    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint Umask(uint mask);
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UmaskCollection
{
    public const string Name = "umask";
}
