namespace AiLab.Application.Settings;

/// <summary>A setting given to the lab (a trial count, a timeout, a list of verdicts) is invalid. The message names
/// the setting by its domain name (<c>trials</c>, <c>timeout</c>); each front end names it its own way: the command
/// line as <c>--trials</c>, a server as a field of its request.</summary>
public sealed class InvalidSettingException : Exception
{
    /// <summary>Creates the exception for <paramref name="setting"/>, whose value has <paramref
    /// name="problem"/>.</summary>
    public InvalidSettingException(string setting, string problem)
        : base($"{setting} {problem}")
    {
        Setting = setting;
        Problem = problem;
    }

    /// <summary>The setting's domain name, e.g. <c>trials</c> or <c>max-trials</c>.</summary>
    public string Setting { get; }

    /// <summary>What is wrong with its value and how to fix it, without the setting's name, e.g.
    /// <c>must be at least 2 (a sample of one has no spread), got 1</c>.</summary>
    public string Problem { get; }
}
