namespace AiLab.Lab.Tests.Support;

/// <summary>A clock stopped at <paramref name="now"/>.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
