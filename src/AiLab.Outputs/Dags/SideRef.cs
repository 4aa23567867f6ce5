namespace AiLab.Outputs.Dags;

/// <summary>One side of a comparison as the compare node names it: <c>node</c> (as the DAG file's checkout has it) or
/// <c>node@REV</c> (the same node at a git revision of the repository, checked out in its own worktree).</summary>
/// <param name="Node">The model node's name.</param>
/// <param name="Revision">The git revision; null for the working tree.</param>
public sealed record SideRef(string Node, string? Revision)
{
    /// <summary>Splits at the first '@'.</summary>
    public static SideRef Parse(string side)
    {
        ArgumentNullException.ThrowIfNull(side);
        var at = side.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? new SideRef(side, null) : new SideRef(side[..at], side[(at + 1)..]);
    }
}
