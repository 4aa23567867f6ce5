using AiLab.Core.Access;
using AiLab.Server.Data;
using Microsoft.AspNetCore.Http;

namespace AiLab.Server.Access;

/// <summary>Decides whether a request carries a valid token: <c>Authorization: Bearer TOKEN</c> (and, for reads
/// only, the dashboard's <c>ailab_token</c> cookie, so private pages can be browsed).</summary>
internal static class TokenCheck
{
    /// <summary>Name of the cookie the dashboard's token field sets.</summary>
    public const string CookieName = "ailab_token";

    /// <summary>Null when the request may go on; otherwise the ProblemDetails result that refuses it (401 without a
    /// token or with an unknown one, 403 with a revoked one).</summary>
    public static async Task<IResult?> RefusalAsync(HttpContext context, LabData data, bool allowCookie)
    {
        var secret = Presented(context, allowCookie);
        if (secret is null)
            return Problem(StatusCodes.Status401Unauthorized, "A token is required",
                "send 'Authorization: Bearer TOKEN' with a token from 'ailab token create'", context);
        var token = await data.TokenByHashAsync(ApiTokenSecret.Hash(secret), context.RequestAborted).ConfigureAwait(false);
        if (token is null)
            return Problem(StatusCodes.Status401Unauthorized, "Unknown token",
                "the token is not one this lab issued; create one with 'ailab token create'", context);
        if (token.IsRevoked)
            return Problem(StatusCodes.Status403Forbidden, "Token revoked",
                $"token {token.Id} ('{token.Name}') was revoked; create a new one with 'ailab token create'", context);
        return null;
    }

    private static string? Presented(HttpContext context, bool allowCookie)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7)
            return header[7..].Trim();
        if (allowCookie && context.Request.Cookies.TryGetValue(CookieName, out var cookie) && !string.IsNullOrWhiteSpace(cookie))
            return cookie;
        return null;
    }

    private static IResult Problem(int status, string title, string detail, HttpContext context)
    {
        if (status == StatusCodes.Status401Unauthorized)
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"ailab\"";
        return TypedResults.Problem(detail: detail, statusCode: status, title: title);
    }
}
