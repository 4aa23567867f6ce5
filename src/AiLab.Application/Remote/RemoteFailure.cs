namespace AiLab.Application.Remote;

/// <summary>Why a request to an AiLab server failed; each maps to its own exit code at the command line.</summary>
public enum RemoteFailure
{
    /// <summary>No answer: connection refused, unknown host, timeout, or not an HTTP server.</summary>
    Unreachable,

    /// <summary>401: no token, or one the server did not issue.</summary>
    Unauthorized,

    /// <summary>403: the token was revoked.</summary>
    Forbidden,

    /// <summary>404: the server has no such experiment or incident.</summary>
    NotFound,

    /// <summary>Any other refusal (400, 409, 500): the server's ProblemDetails says what.</summary>
    Rejected,
}
