namespace AiLab.Execution.Git;

/// <summary>How much a commit changed against its first parent: what a culprit report shows beside the subject.
/// </summary>
/// <param name="FilesChanged">Files added, removed or modified.</param>
/// <param name="Insertions">Lines added (binary files count none).</param>
/// <param name="Deletions">Lines removed.</param>
/// <param name="Files">Each changed file's path, in git's order.</param>
public sealed record DiffStat(int FilesChanged, int Insertions, int Deletions, IReadOnlyList<string> Files)
{
    /// <summary>The summary line git prints: <c>2 files changed, 5 insertions(+), 1 deletion(-)</c>.</summary>
    public override string ToString() =>
        $"{FilesChanged} file{Plural(FilesChanged)} changed, {Insertions} insertion{Plural(Insertions)}(+), "
        + $"{Deletions} deletion{Plural(Deletions)}(-)";

    private static string Plural(int count) => count == 1 ? "" : "s";
}
