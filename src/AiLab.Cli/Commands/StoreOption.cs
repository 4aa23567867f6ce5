using System.CommandLine;

namespace AiLab.Cli.Commands;

/// <summary>The option every command that touches the store takes: <c>--store</c> (alias <c>--db</c>).</summary>
internal static class StoreOption
{
    /// <summary>A new <c>--store</c> option.</summary>
    public static Option<string?> Create() => new("--store", "--db")
    {
        Description = "Where results are stored: an SQLite file (lab.db, sqlite:lab.db) or a PostgreSQL connection "
            + "string (postgres://user@host/db, Host=...;Database=...). Default: $AILAB_HOME/ailab.db "
            + "(AILAB_HOME defaults to ~/.ailab).",
        HelpName = "STORE",
    };
}
