using AiLab.Core.Access;

namespace AiLab.Storage.Tests.Contract;

/// <summary>The server's API tokens (schema step 8) behave the same on both engines.</summary>
public abstract partial class StoreContractTests
{
    private static readonly DateTimeOffset TokenTime = new(2026, 12, 6, 7, 0, 0, 123, TimeSpan.FromHours(1));

    private static ApiToken Token(string id, string name, string hash) =>
        new() { Id = id, Name = name, SecretHash = hash, CreatedAt = TokenTime };

    [Fact]
    public async Task ApiTokens_AddThenFindByHash_RoundTripsEveryMember()
    {
        var token = new ApiToken { Id = "tok-1", Name = "ci", SecretHash = "ab12", CreatedAt = TokenTime };

        await _stores.ApiTokens.AddAsync(token);

        Assert.Equal(token, await _stores.ApiTokens.FindByHashAsync("ab12"));
        Assert.Null(await _stores.ApiTokens.FindByHashAsync("ffff"));
    }

    [Fact]
    public async Task ApiTokens_List_IsNewestFirst()
    {
        await _stores.ApiTokens.AddAsync(Token("tok-old", "a", "1"));
        await _stores.ApiTokens.AddAsync(
            new ApiToken { Id = "tok-new", Name = "b", SecretHash = "2", CreatedAt = TokenTime.AddMinutes(1) });

        var listed = await _stores.ApiTokens.ListAsync();

        Assert.Equal(["tok-new", "tok-old"], listed.Select(t => t.Id));
    }

    [Fact]
    public async Task ApiTokens_RevokeTwice_KeepsTheFirstTimeAndUnknownIdIsFalse()
    {
        await _stores.ApiTokens.AddAsync(Token("tok-1", "ci", "h"));

        Assert.True(await _stores.ApiTokens.RevokeAsync("tok-1", TokenTime.AddHours(1)));
        Assert.True(await _stores.ApiTokens.RevokeAsync("tok-1", TokenTime.AddHours(2)));
        Assert.False(await _stores.ApiTokens.RevokeAsync("tok-none", TokenTime));

        Assert.Equal(TokenTime.AddHours(1), (await _stores.ApiTokens.FindByHashAsync("h"))?.RevokedAt);
    }

    [Fact]
    public async Task ApiTokens_SameSecretHashTwice_IsRefused()
    {
        await _stores.ApiTokens.AddAsync(Token("tok-1", "a", "h"));

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => _stores.ApiTokens.AddAsync(
            new ApiToken { Id = "tok-2", Name = "b", SecretHash = "h", CreatedAt = TokenTime }));
        Assert.Single(await _stores.ApiTokens.ListAsync());
    }
}
