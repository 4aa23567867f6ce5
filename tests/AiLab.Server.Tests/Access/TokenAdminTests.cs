using System.Text;
using AiLab.Core.Access;
using AiLab.Server.Access;
using AiLab.Server.Data;

namespace AiLab.Server.Tests.Access;

public sealed class TokenAdminTests
{
    [Fact]
    public void Create_StoresTheSha256AndNeverTheSecret()
    {
        using var dir = new TempDirectory();
        string secret;
        string hash;
        using (var store = LabData.OpenTokens(dir.File("lab.db")))
        {
            (var token, secret) = new TokenAdmin(store, TimeProvider.System).Create("ci");
            hash = token.SecretHash;
            Assert.Equal(token.Id, store.FindByHash(ApiTokenSecret.Hash(secret))?.Id);
        }

        // The main file and, should SQLite have left one, its write-ahead log: the secret must be in neither.
        var files = new[] { "lab.db", "lab.db-wal" }.Select(dir.File).Where(File.Exists);
        var bytes = string.Concat(files.Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.DoesNotContain(secret, bytes, StringComparison.Ordinal);
        Assert.Contains(hash, bytes, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(secret))), hash);
    }

    [Fact]
    public void Revoke_KnownToken_MarksItRevokedAndKeepsTheFirstTime()
    {
        using var dir = new TempDirectory();
        using var store = LabData.OpenTokens(dir.File("lab.db"));
        var admin = new TokenAdmin(store, TimeProvider.System);
        var (token, _) = admin.Create("ci");

        Assert.True(admin.Revoke(token.Id));
        var first = store.List().Single().RevokedAt;
        Assert.True(admin.Revoke(token.Id));

        Assert.NotNull(first);
        Assert.Equal(first, store.List().Single().RevokedAt);
        Assert.False(admin.Revoke("tok-00000000"));
    }

    [Fact]
    public void Create_TwoTokens_AreDistinctAndBothListed()
    {
        using var dir = new TempDirectory();
        using var store = LabData.OpenTokens(dir.File("lab.db"));
        var admin = new TokenAdmin(store, TimeProvider.System);
        var (a, secretA) = admin.Create("a");
        var (b, secretB) = admin.Create("b");

        Assert.NotEqual(secretA, secretB);
        Assert.NotEqual(a.SecretHash, b.SecretHash);
        Assert.Equal(2, store.List().Count);
        Assert.Throws<ArgumentException>(() => admin.Create("  "));
    }
}
