namespace AiLab.Server.Tests.Fixtures;

/// <summary>One lab for every server test: its real experiments take a minute or two to produce, and the tests run
/// one after another so that a write in one is seen in order by the next.</summary>
[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<LabFixture>
{
    public const string Name = "lab";
}
