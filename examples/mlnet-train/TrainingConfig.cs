using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlnetTrain;

/// <summary>The training job's settings, read from <c>config.json</c>; every field has a default.</summary>
internal sealed record TrainingConfig
{
    /// <summary>Trainer names accepted in <see cref="Trainer"/>.</summary>
    public static readonly IReadOnlyList<string> Trainers = ["sdca", "lbfgs"];

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // A misspelt key silently falling back to its default is the bug config validation exists to catch.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Rows generated, before the train/test split.</summary>
    public int Rows { get; init; } = 20_000;

    /// <summary>Width of the real-valued feature column.</summary>
    public int NumericFeatures { get; init; } = 12;

    /// <summary>Width of the non-negative count feature column.</summary>
    public int CountFeatures { get; init; } = 4;

    /// <summary>Seed of the data generator and of the ML context.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Share of the rows held out for evaluation.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>One of <see cref="Trainers"/>.</summary>
    public string Trainer { get; init; } = "sdca";

    /// <summary>Upper bound on the trainer's passes or iterations.</summary>
    public int MaxIterations { get; init; } = 10;

    /// <summary>L2 regularization weight.</summary>
    public float L2Regularization { get; init; } = 0.001f;

    /// <summary>Reads and validates <paramref name="path"/>; on failure <paramref name="errors"/> says every problem found.</summary>
    public static bool TryLoad(string path, int? rowsOverride, out TrainingConfig config, out IReadOnlyList<string> errors)
    {
        config = new TrainingConfig();
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors = [$"cannot read the file: {e.Message}"];
            return false;
        }

        try
        {
            config = JsonSerializer.Deserialize<TrainingConfig>(text, JsonOptions) ?? new TrainingConfig();
        }
        catch (JsonException e)
        {
            errors = [$"not valid config JSON: {e.Message}"];
            return false;
        }

        if (rowsOverride is { } rows)
        {
            config = config with { Rows = rows };
        }

        errors = config.Validate();
        return errors.Count == 0;
    }

    /// <summary>Every rule this config breaks; empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Rows is < 100 or > 10_000_000)
        {
            errors.Add($"rows must be between 100 and 10000000, got {Rows}");
        }

        if (NumericFeatures is < 1 or > 1024)
        {
            errors.Add($"numeric_features must be between 1 and 1024, got {NumericFeatures}");
        }

        if (CountFeatures is < 1 or > 1024)
        {
            errors.Add($"count_features must be between 1 and 1024, got {CountFeatures}");
        }

        if (!(TestFraction > 0 && TestFraction < 0.9))
        {
            errors.Add($"test_fraction must be in (0, 0.9), got {TestFraction}");
        }

        if (!Trainers.Contains(Trainer))
        {
            errors.Add($"trainer must be one of {string.Join(", ", Trainers)}, got '{Trainer}'");
        }

        if (MaxIterations is < 1 or > 10_000)
        {
            errors.Add($"max_iterations must be between 1 and 10000, got {MaxIterations}");
        }

        if (!(L2Regularization >= 0 && float.IsFinite(L2Regularization)))
        {
            errors.Add($"l2_regularization must be a finite number >= 0, got {L2Regularization}");
        }

        return errors;
    }
}
