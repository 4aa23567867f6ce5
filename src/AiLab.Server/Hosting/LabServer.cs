using System.Text.Json.Serialization;
using AiLab.Server.Access;
using AiLab.Server.Api;
using AiLab.Server.Dashboard;
using AiLab.Server.Data;
using AiLab.Storage.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace AiLab.Server.Hosting;

/// <summary>Builds and starts the lab's web server: the REST API under /api/v1, its OpenAPI document, the
/// dashboard and its static assets.</summary>
public static class LabServer
{
    /// <summary>Builds the application over <paramref name="data"/> (which the caller owns and disposes).</summary>
    public static WebApplication Build(ServerOptions options, LabData data, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "AiLab.Server" });
        builder.Logging.ClearProviders();
        if (log is not null)
        {
            // Logs go to stderr with the progress: stdout carries only the address, for scripts.
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
            builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        // Stopping waits for the scheduler to interrupt its trials and store what was measured.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.WebHost.UseUrls($"http://{options.BindAddress}:{options.Port}");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(data);
        builder.Services.AddSingleton<WriteAccessFilter>();
        builder.Services.AddSingleton<ReadAccessFilter>();
        builder.Services.AddSingleton<Scheduling.SchedulerWakeup>();
        if (options.Scheduler is { } scheduler)
        {
            builder.Services.AddSingleton(scheduler);
            builder.Services.AddSingleton(Lab.LabPaths.Default());
            builder.Services.TryAddSingleton(TimeProvider.System);
            builder.Services.AddHostedService<Scheduling.Scheduler>();
        }

        builder.Services.AddProblemDetails();
        builder.Services.AddRouting();
        builder.Services.Configure<JsonOptions>(json => CopyStorageJson(json.SerializerOptions));
        builder.Services.AddOpenApi("v1", openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "AiLab API";
            document.Info.Version = "v1";
            document.Info.Description = "Experiments, trials, verdicts, calibrations, bisections and incidents of an "
                + "AiLab. Writes need 'Authorization: Bearer TOKEN' (ailab token create).";
            return Task.CompletedTask;
        }));

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi(ApiRoutes.Prefix + "/openapi.json");
        app.MapLabApi();
        app.MapDashboard();
        return app;
    }

    /// <summary>The address the started <paramref name="app"/> listens on (the real port when 0 was asked).</summary>
    public static Uri BoundAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return new Uri(addresses.Addresses.First());
    }

    private static void CopyStorageJson(System.Text.Json.JsonSerializerOptions target)
    {
        // The API speaks the stored documents' JSON: camelCase, enums by their wire names, NaN as a named literal.
        var source = StorageJson.Options;
        target.PropertyNamingPolicy = source.PropertyNamingPolicy;
        target.DictionaryKeyPolicy = source.DictionaryKeyPolicy;
        target.NumberHandling = source.NumberHandling;
        target.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        foreach (var converter in source.Converters) target.Converters.Add(converter);
    }
}
