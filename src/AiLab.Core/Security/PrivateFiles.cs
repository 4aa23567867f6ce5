namespace AiLab.Core.Security;

/// <summary>Creates the lab's own files and directories readable by their owner only (0600 / 0700), whatever the
/// umask: the store, logs and events hold command lines, environments and workload output.</summary>
/// <remarks>Only what AiLab creates is restricted; an existing directory or file keeps the mode its owner chose
/// (e.g. a database deliberately shared with a group through <c>--db</c>).</remarks>
public static class PrivateFiles
{
    /// <summary>rw------- .</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>rwx------ .</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> and its missing ancestors, each new one 0700.</summary>
    public static void CreateDirectory(string path)
    {
        var full = Path.GetFullPath(path);
        var missing = new Stack<string>();
        for (var p = full; !string.IsNullOrEmpty(p) && !Directory.Exists(p); p = Path.GetDirectoryName(p))
            missing.Push(p);
        while (missing.Count > 0)
        {
            var directory = missing.Pop();
            Directory.CreateDirectory(directory);
            Restrict(directory, DirectoryMode);
        }
    }

    /// <summary>Opens <paramref name="path"/> for writing, truncated, as a 0600 file (a file that existed is made
    /// 0600 too: these are the lab's own files, rewritten per trial).</summary>
    public static FileStream CreateFile(string path, FileShare share = FileShare.Read, int bufferSize = 4096)
    {
        var options = new FileStreamOptions
        {
            Mode = System.IO.FileMode.Create,
            Access = FileAccess.Write,
            Share = share,
            BufferSize = bufferSize,
        };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = FileMode; // never readable by others, not even for the instant before chmod
        var stream = new FileStream(path, options);
        Restrict(path, FileMode);
        return stream;
    }

    /// <summary>Writes <paramref name="text"/> to a 0600 file.</summary>
    public static void WriteAllText(string path, string text)
    {
        using var stream = CreateFile(path);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }

    /// <summary>Sets <paramref name="mode"/> exactly (chmod ignores the umask); no-op on Windows or if gone.</summary>
    public static void Restrict(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
            return;
        try
        {
            File.SetUnixFileMode(path, mode);
        }
        catch (FileNotFoundException)
        {
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
