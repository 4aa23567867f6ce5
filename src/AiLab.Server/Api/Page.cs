namespace AiLab.Server.Api;

/// <summary>One page of a list: its items and the cursor of the next page (null on the last).</summary>
/// <param name="Items">The items, in the list's order.</param>
/// <param name="NextCursor">Pass as <c>?cursor=</c> for the next page; null when there is none.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
