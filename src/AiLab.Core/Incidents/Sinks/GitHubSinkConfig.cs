namespace AiLab.Core.Incidents.Sinks;

/// <summary>File each incident as a GitHub (or GitHub Enterprise) issue.</summary>
/// <param name="Name">The sink's name.</param>
/// <param name="ApiUrl">The REST API base, <c>https://api.github.com/</c> or <c>https://HOST/api/v3/</c> for Enterprise.</param>
/// <param name="Owner">The repository's owner.</param>
/// <param name="Repository">The repository's name.</param>
/// <param name="TokenEnvironmentVariable">The environment variable that holds the token; the token itself is never in the file.</param>
/// <param name="Labels">Labels put on each issue; the first is also used to find issues filed before.</param>
public sealed record GitHubSinkConfig(
    string Name, Uri ApiUrl, string Owner, string Repository, string TokenEnvironmentVariable, IReadOnlyList<string> Labels) : SinkConfig(Name)
{
    /// <summary>github.com's API.</summary>
    public static readonly Uri DefaultApiUrl = new("https://api.github.com/");

    /// <summary>The variable read when <c>token_env</c> is not set.</summary>
    public const string DefaultTokenEnvironmentVariable = "GITHUB_TOKEN";

    /// <summary>The labels used when <c>labels</c> is not set.</summary>
    public static readonly IReadOnlyList<string> DefaultLabels = ["ailab-incident"];

    /// <inheritdoc />
    public override string Type => "github";
}
