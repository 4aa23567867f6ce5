namespace AiLab.Server.Api;

/// <summary>A request the client can fix (bad limit, cursor, body); it becomes a 400 ProblemDetails.</summary>
internal sealed class BadRequestException(string message) : Exception(message);
