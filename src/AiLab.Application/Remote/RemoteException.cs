namespace AiLab.Application.Remote;

/// <summary>A request to an AiLab server failed; <see cref="Failure"/> says how, the message says what and how to fix
/// it (the server's own ProblemDetails detail when it sent one).</summary>
public sealed class RemoteException(RemoteFailure failure, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>How the request failed.</summary>
    public RemoteFailure Failure { get; } = failure;
}
