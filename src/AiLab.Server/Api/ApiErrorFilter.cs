using System.Text.Json;
using AiLab.Core.Experiments;
using AiLab.Core.Incidents;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AiLab.Server.Api;

/// <summary>Turns the errors a client can fix into ProblemDetails (400 bad input, 409 conflicts) instead of a 500.</summary>
internal sealed class ApiErrorFilter : IEndpointFilter
{
    private const int SqliteConstraint = 19;

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BadRequestException or AmbiguousIdException or AmbiguousIncidentIdException or JsonException)
        {
            return TypedResults.Problem(detail: e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }
        catch (Exception e) when (e is SqliteException { SqliteErrorCode: SqliteConstraint }
                                   or PostgresException { SqlState: ['2', '3', ..] })
        {
            return TypedResults.Problem(detail: $"the write conflicts with what is stored: {e.Message}",
                statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }
    }
}
