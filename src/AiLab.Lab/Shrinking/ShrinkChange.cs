namespace AiLab.Lab.Shrinking;

/// <summary>One value the shrinker changed.</summary>
/// <param name="Where">The flag (<c>command line</c>) or the config file, relative to the workflow's directory.</param>
/// <param name="Key">The flag or the config key (dotted for nesting).</param>
/// <param name="From">The production value, as JSON.</param>
/// <param name="To">The shrunk value, as JSON.</param>
/// <param name="Rule">Which rule (or <c>override</c> for the workflow's own <c>shrink.set</c>).</param>
public sealed record ShrinkChange(string Where, string Key, string From, string To, string Rule);
