namespace AiLab.Lab.Shrinking;

/// <summary>The workflow's config holds something the shrinker does not understand; nothing was written.</summary>
public sealed class ShrinkException : Exception
{
    /// <summary>Creates the exception for <paramref name="problems"/>.</summary>
    public ShrinkException(IReadOnlyList<ShrinkProblem> problems)
        : base("cannot shrink the workflow, nothing was written:\n  " + string.Join("\n  ", problems)
               + "\n(set the value yourself under the workflow's 'shrink: {set: {KEY: VALUE}}', or leave it as it is"
               + " with 'shrink: {keep: [KEY]}')")
    {
        Problems = problems;
    }

    /// <summary>Creates an exception with a message only.</summary>
    public ShrinkException()
        : this([])
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public ShrinkException(string message)
        : base(message)
    {
        Problems = [];
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public ShrinkException(string message, Exception inner)
        : base(message, inner)
    {
        Problems = [];
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ShrinkProblem> Problems { get; }
}
