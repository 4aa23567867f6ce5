using System.Security.Cryptography;

namespace AiLab.Outputs.Comparing;

/// <summary>What a model or data set was, so that a stored comparison says exactly what it compared.</summary>
/// <param name="Name">The node name or the data set's file name.</param>
/// <param name="Location">The file path or the command line.</param>
/// <param name="Sha256">The file's SHA-256, hex; null for a command (its code is not one file).</param>
public sealed record ArtifactIdentity(string Name, string Location, string? Sha256)
{
    /// <summary>The identity of a file.</summary>
    public static ArtifactIdentity OfFile(string name, string path)
    {
        using var stream = File.OpenRead(path);
        return new ArtifactIdentity(name, path, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }
}
