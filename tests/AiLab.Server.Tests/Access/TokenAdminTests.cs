using System.Text;
using AiLab.Core.Access;
using AiLab.Server.Access;
using AiLab.Server.Data;

namespace AiLab.Server.Tests.Access;

public sealed class TokenAdminTests
{
    [Fact]
    public async Task Create_StoresTheSha256AndNeverTheSecret()
    {
        using var dir = new TempDirectory();
        string secret;
        string hash;
        using (var store = LabData.OpenTokens(dir.File("lab.db")))
        {
            (var token, secret) = await new TokenAdmin(store.ApiTokens, TimeProvider.System).CreateAsync("ci");
            hash = token.SecretHash;
            Assert.Equal(token.Id, (await store.ApiTokens.FindByHashAsync(ApiTokenSecret.Hash(secret)))?.Id);
        }

        // The main file and, should SQLite have left one, its write-ahead log: the secret must be in neither.
        var files = new[] { "lab.db", "lab.db-wal" }.Select(dir.File).Where(File.Exists);
        var bytes = string.Concat(files.Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.DoesNotContain(secret, bytes, StringComparison.Ordinal);
        Assert.Contains(hash, bytes, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(secret))), hash);
    }

    [Fact]
    public async Task Revoke_KnownToken_MarksItRevokedAndKeepsTheFirstTime()
    {
        using var dir = new TempDirectory();
        using var store = LabData.OpenTokens(dir.File("lab.db"));
        var admin = new TokenAdmin(store.ApiTokens, TimeProvider.System);
        var (token, _) = await admin.CreateAsync("ci");

        Assert.True(await admin.RevokeAsync(token.Id));
        var first = (await store.ApiTokens.ListAsync()).Single().RevokedAt;
        Assert.True(await admin.RevokeAsync(token.Id));

        Assert.NotNull(first);
        Assert.Equal(first, (await store.ApiTokens.ListAsync()).Single().RevokedAt);
        Assert.False(await admin.RevokeAsync("tok-00000000"));
    }

    [Fact]
    public async Task Create_TwoTokens_AreDistinctAndBothListed()
    {
        using var dir = new TempDirectory();
        using var store = LabData.OpenTokens(dir.File("lab.db"));
        var admin = new TokenAdmin(store.ApiTokens, TimeProvider.System);
        var (a, secretA) = await admin.CreateAsync("a");
        var (b, secretB) = await admin.CreateAsync("b");

        Assert.NotEqual(secretA, secretB);
        Assert.NotEqual(a.SecretHash, b.SecretHash);
        Assert.Equal(2, (await store.ApiTokens.ListAsync()).Count);
        await Assert.ThrowsAsync<ArgumentException>(() => admin.CreateAsync("  "));
    }
}
