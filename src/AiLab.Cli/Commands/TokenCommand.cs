using System.CommandLine;
using System.Globalization;
using AiLab.Server.Access;
using AiLab.Server.Data;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab token create/list/revoke</c>: the server's API tokens, stored hashed (docs/server.md).</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var command = new Command("token", "Create, list and revoke the API tokens that writes to 'ailab serve' need.");
        var db = StoreOption.Create();
        db.Recursive = true;
        command.Options.Add(db);

        var name = new Option<string?>("--name") { Description = "Who or what uses the token, e.g. ci (required).", HelpName = "NAME" };
        var create = new Command("create", "Create a token; its secret is printed once on stdout and only its SHA-256 is stored.") { name };
        create.SetAction(async (parse, _) =>
        {
            var given = parse.GetValue(name);
            if (string.IsNullOrWhiteSpace(given)) throw new UsageException("--name is required: say who or what uses the token, e.g. --name ci");
            using var store = Open(parse.GetValue(db));
            var (token, secret) = await new TokenAdmin(store.ApiTokens, TimeProvider.System).CreateAsync(given);
            Console.Error.WriteLine($"ailab token: created {token.Id} ('{token.Name}'); the secret below is shown only now — keep it safe");
            Console.Out.WriteLine(secret);
            return ExitCodes.Success;
        });

        var list = new Command("list", "List tokens (id, name, created, revoked); secrets are never stored.");
        list.SetAction(async (parse, _) =>
        {
            using var store = Open(parse.GetValue(db));
            var tokens = await new TokenAdmin(store.ApiTokens, TimeProvider.System).ListAsync();
            if (tokens.Count == 0) Console.Out.WriteLine("No tokens yet. Create one: ailab token create --name NAME");
            foreach (var t in tokens)
            {
                var state = t.RevokedAt is { } at ? "revoked " + at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "valid";
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t.Id,-14} {t.CreatedAt:yyyy-MM-dd HH:mm}  {state,-24} {t.Name}"));
            }

            return ExitCodes.Success;
        });

        var id = new Argument<string>("ID") { Description = "The token's id (tok-…), as 'ailab token list' shows it." };
        var revoke = new Command("revoke", "Revoke a token: every write with it is refused (403) from now on.") { id };
        revoke.SetAction(async (parse, _) =>
        {
            var tokenId = parse.GetValue(id)!;
            using var store = Open(parse.GetValue(db));
            if (!await new TokenAdmin(store.ApiTokens, TimeProvider.System).RevokeAsync(tokenId))
                throw new UsageException($"no token '{tokenId}'; see: ailab token list");
            Console.Error.WriteLine($"ailab token: revoked {tokenId}");
            return ExitCodes.Success;
        });

        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        command.Subcommands.Add(revoke);
        return command;
    }

    private static AiLab.Storage.LabStores Open(string? store)
    {
        try { return LabData.OpenTokens(LabContext.ResolveStore(store).Target); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
    }
}
