namespace AiLab.Server.Hosting;

/// <summary>How <c>ailab serve</c> runs.</summary>
public sealed record ServerOptions
{
    /// <summary>The store the server reads and writes: an SQLite file or a PostgreSQL connection string.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Address to bind; 127.0.0.1 by default, so nothing outside the machine sees the lab unless asked.</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>Port to listen on; 0 picks a free one (tests). Default 5380.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>True to require a token for reads too (API and dashboard); writes always need one.</summary>
    public bool PrivateReads { get; init; }

    /// <summary>The scheduler's settings; null runs no scheduler.</summary>
    public Scheduling.SchedulerOptions? Scheduler { get; init; }

    /// <summary>The default port.</summary>
    public const int DefaultPort = 5380;
}
