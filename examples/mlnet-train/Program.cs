using System.Globalization;
using AiLab.Probe;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlnetTrain;

/// <summary>Trains a logistic-regression classifier on a synthetic table, marking each phase for AiLab.</summary>
internal static class Program
{
    private const int BadConfigExitCode = 2;

    private static int Main(string[] args)
    {
        // Everything before this line (host start, runtime load, JIT of Main) is this workload's "imports".
        AiLabProbe.Mark("imports");

        if (!CommandLine.TryParse(args, out var commandLine, out var argumentError))
        {
            Console.Error.WriteLine($"mlnet-train: {argumentError}");
            Console.Error.WriteLine(CommandLine.Usage);
            return BadConfigExitCode;
        }

        if (!TrainingConfig.TryLoad(commandLine.ConfigPath, commandLine.Rows, out var config, out var configErrors))
        {
            Console.Error.WriteLine($"mlnet-train: invalid config '{commandLine.ConfigPath}':");
            foreach (var error in configErrors)
            {
                Console.Error.WriteLine($"  - {error}");
            }

            return BadConfigExitCode;
        }

        ConfigTelemetry.ShipIfEnabled(config);
        // A planted slow method for the profiler's tests, off unless MLNET_TRAIN_AUDIT=full.
        if (ConfigAudit.AuditIfEnabled(config) == 1) Console.Error.WriteLine("mlnet-train: audit fingerprint is 1");
        AiLabProbe.Mark("config_validation");

        var mlContext = new MLContext(seed: config.Seed);
        var rows = SyntheticDataset.Generate(config);
        var testCount = (int)Math.Round(rows.Count * config.TestFraction);
        var trainingRows = new FirstBatchMarker<TabularRow>(rows.GetRange(0, rows.Count - testCount));
        var schema = RowSchema(config);
        var trainingData = mlContext.Data.LoadFromEnumerable(trainingRows, schema);
        var testData = mlContext.Data.LoadFromEnumerable(rows.GetRange(rows.Count - testCount, testCount), schema);

        var featurizer = mlContext.Transforms.Concatenate("Features", nameof(TabularRow.Numeric), nameof(TabularRow.Counts))
            .Append(mlContext.Transforms.NormalizeMinMax("Features"));
        // Fitting the normalizer reads every training row once; that pass is preprocessing, not training.
        var featurization = featurizer.Fit(trainingData);
        var featurizedTraining = featurization.Transform(trainingData);
        AiLabProbe.Mark("preprocessing");

        var trainer = TrainerFactory.Create(mlContext, config);
        AiLabProbe.Mark("model_build");

        // Armed only now: earlier reads (the normalizer's pass, schema checks) were not the model's first batch.
        // Transform is lazy, so the trainer's first cursor pulls its first row from the source enumerable.
        trainingRows.Arm();
        var model = trainer.Fit(featurizedTraining);
        if (!trainingRows.Marked)
        {
            throw new InvalidOperationException("the trainer finished without reading a training row");
        }

        var predictions = model.Transform(featurization.Transform(testData));
        var metrics = mlContext.BinaryClassification.Evaluate(predictions, labelColumnName: nameof(TabularRow.Label));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mlnet-train: trainer={config.Trainer} train_rows={rows.Count - testCount} test_rows={testCount} " +
            $"accuracy={metrics.Accuracy:F4} auc={metrics.AreaUnderRocCurve:F4} log_loss={metrics.LogLoss:F4}"));
        AiLabProbe.Mark("done");
        return 0;
    }

    private static SchemaDefinition RowSchema(TrainingConfig config)
    {
        // Vector widths come from the config, so they are set here rather than by [VectorType] attributes.
        var schema = SchemaDefinition.Create(typeof(TabularRow));
        schema[nameof(TabularRow.Numeric)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, config.NumericFeatures);
        schema[nameof(TabularRow.Counts)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, config.CountFeatures);
        return schema;
    }
}
