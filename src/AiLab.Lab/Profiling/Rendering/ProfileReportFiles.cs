namespace AiLab.Lab.Profiling.Rendering;

/// <summary>Where a profile diff's files were written.</summary>
/// <param name="Folder">The folder of the profiled trials and reports.</param>
/// <param name="Json">The diff as JSON.</param>
/// <param name="FlameGraphHtml">The self-contained differential flame graph.</param>
/// <param name="Speedscope">Both variants' samples in speedscope's file format.</param>
public sealed record ProfileReportFiles(string Folder, string Json, string FlameGraphHtml, string Speedscope);
