using System.Text.RegularExpressions;
using AiLab.Application.Settings;
using AiLab.Core.Workflows;

namespace AiLab.Application.Workflows;

/// <summary>Turns a <see cref="WorkflowRequest"/> into the workflow to run: loaded from the workflow file or made
/// ad hoc, then with each override checked by the rule <c>ailab.yaml</c> applies to the same setting.</summary>
public static class WorkflowResolver
{
    /// <summary>The workflow <paramref name="request"/> names, with its overrides applied.</summary>
    /// <param name="request">What to run.</param>
    /// <param name="repositoryRoot">The repository's root, where the workflow file is looked for first; null when the
    /// request names no repository.</param>
    /// <param name="currentDirectory">The directory the request came from.</param>
    /// <exception cref="WorkflowFileNotFoundException">A named workflow and no workflow file.</exception>
    /// <exception cref="ConfigException">The workflow file is invalid or has no such workflow.</exception>
    /// <exception cref="InvalidSettingException">An override is invalid.</exception>
    public static WorkflowSpec Resolve(WorkflowRequest request, string? repositoryRoot, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((request.AdHocCommand is null) == (request.WorkflowName is null))
        {
            throw new ArgumentException(
                "a workflow request names either an ad-hoc command or a workflow", nameof(request));
        }

        WorkflowSpec spec;
        if (request.WorkflowName is { } name)
        {
            var (_, suite) = WorkflowFiles.Load(
                request.ConfigPath, repositoryRoot, currentDirectory, $"workflow {name}");
            spec = suite.Get(name);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(request.AdHocCommand))
                throw new InvalidSettingException("run", "is empty; give the shell command that runs one trial");
            spec = WorkflowSpec.AdHoc(request.AdHocCommand);
        }

        return Apply(spec, request);
    }

    /// <summary>The workflow with the request's overrides applied.</summary>
    /// <exception cref="InvalidSettingException">An override is invalid.</exception>
    public static WorkflowSpec Apply(WorkflowSpec spec, WorkflowRequest request)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Build is { } build) spec = spec with { Build = build };
        if (request.Timeout is { } timeout) spec = spec with { Timeout = TrialSettings.Timeout(timeout) };
        if (request.FirstBatchPattern is { } pattern)
        {
            try { _ = new Regex(pattern); }
            catch (ArgumentException e)
            {
                throw new InvalidSettingException(
                    "first-batch-pattern", $"is not a valid regular expression: {e.Message}");
            }

            spec = spec with { FirstBatchPattern = pattern };
        }

        if (request.AutoInstrument is { } auto)
        {
            spec = spec with
            {
                AutoInstrument = auto switch
                {
                    "torch" => AutoInstrument.Torch,
                    "none" => AutoInstrument.None,
                    _ => throw new InvalidSettingException(
                        "auto-instrument", $"'{auto}' is not known; use 'torch' or 'none'"),
                },
            };
        }

        if (request.RunTo is { } runTo)
        {
            spec = spec with
            {
                RunTo = RunToNames.All.TryGetValue(runTo, out var value)
                    ? value
                    : throw new InvalidSettingException("run-to", $"'{runTo}' is not known; use 'marks' (stop once "
                        + "the marks the experiment needs have arrived, the default) or 'completion'"),
            };
        }

        if (request.Cpus is { } cpus) spec = spec with { Cpus = cpus };
        if (request.WorkingDirectory is { } workdir)
        {
            // The rule of 'workdir:' in ailab.yaml: trials must not run outside the worktree.
            if (WorkdirRule.Problem(workdir) is { } problem)
                throw new InvalidSettingException("workdir", $"{problem}; {WorkdirRule.Hint}");
            spec = spec with { WorkingDirectory = workdir };
        }

        if (request.Environment.Count > 0)
        {
            var merged = new Dictionary<string, string>(spec.Environment, StringComparer.Ordinal);
            foreach (var item in request.Environment)
            {
                var eq = item.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0) throw new InvalidSettingException("env", $"'{item}' is not KEY=VALUE");
                merged[item[..eq]] = item[(eq + 1)..];
            }

            spec = spec with { Environment = merged };
        }

        return spec;
    }
}
