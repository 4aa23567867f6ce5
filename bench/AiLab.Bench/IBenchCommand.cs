namespace AiLab.Bench;

/// <summary>One benchmark or evaluation, run as <c>ailab-bench NAME [ARGS]</c>.</summary>
internal interface IBenchCommand
{
    /// <summary>The subcommand's name.</summary>
    string Name { get; }

    /// <summary>One line for the listing.</summary>
    string Description { get; }

    /// <summary>Runs it; the return value is the process exit code.</summary>
    int Run(IReadOnlyList<string> args);
}
