namespace AiLab.Core.Workflows.Yaml;

/// <summary>One key/value pair of a <see cref="ConfigMapping"/>.</summary>
internal sealed record ConfigEntry(ConfigNode Key, ConfigNode Value);
