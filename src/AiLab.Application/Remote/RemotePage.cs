namespace AiLab.Application.Remote;

/// <summary>One page of a server's list (<c>{"items": [...], "nextCursor": ...}</c>).</summary>
internal sealed record RemotePage<T>(IReadOnlyList<T> Items, string? NextCursor);
