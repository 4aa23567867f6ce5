using AiLab.Core.Workflows;
using static AiLab.Core.Tests.Workflows.ConfigAssert;

namespace AiLab.Core.Tests.Workflows;

public sealed class EnvironmentPolicyTests
{
    [Theory]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("HF_TOKEN")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    [InlineData("AWS_ACCESS_KEY_ID")]
    [InlineData("AWS_SESSION_TOKEN")]
    [InlineData("OPENAI_API_KEY")]
    [InlineData("DB_PASSWORD")]
    [InlineData("MYSQL_PWD_PASSWD")]
    [InlineData("CLIENT_SECRET")]
    [InlineData("GOOGLE_APPLICATION_CREDENTIALS")]
    [InlineData("STRIPE_KEY")]
    [InlineData("SSH_AUTH_SOCK")]
    [InlineData("github_token")]
    public void Withholds_DefaultPolicy_NameThatLooksLikeACredential_IsWithheld(string name)
    {
        Assert.True(EnvironmentPolicy.Default.Withholds(name));
    }

    [Theory]
    [InlineData("PATH")]
    [InlineData("HOME")]
    [InlineData("CUDA_VISIBLE_DEVICES")]
    [InlineData("PYTHONPATH")]
    [InlineData("KEYBOARD_LAYOUT")]
    [InlineData("LANG")]
    [InlineData("AILAB_EVENTS")]
    [InlineData("AWS_REGION")]
    [InlineData("AWS_CA_BUNDLE")]
    [InlineData("AWS_PROFILE")]
    public void Withholds_DefaultPolicy_OrdinaryName_IsKept(string name)
    {
        Assert.False(EnvironmentPolicy.Default.Withholds(name));
    }

    [Fact]
    public void Withholds_AllowedName_BeatsTheDefaults()
    {
        var policy = new EnvironmentPolicy { Allow = ["HF_TOKEN"] };

        Assert.False(policy.Withholds("HF_TOKEN"));
        Assert.True(policy.Withholds("GITHUB_TOKEN"));
    }

    [Fact]
    public void Withholds_DenyPattern_AddsToTheDefaults()
    {
        var policy = new EnvironmentPolicy { Deny = ["MYCOMPANY_*"] };

        Assert.True(policy.Withholds("mycompany_endpoint"));
        Assert.False(policy.Withholds("OTHER_ENDPOINT"));
    }

    [Fact]
    public void Withheld_ExplicitlySetNames_AreNeverListed()
    {
        var withheld = EnvironmentPolicy.Default.Withheld(["PATH", "HF_TOKEN", "GITHUB_TOKEN", "AWS_SESSION_TOKEN"], ["HF_TOKEN"]);

        Assert.Equal(["AWS_SESSION_TOKEN", "GITHUB_TOKEN"], withheld);
    }

    [Theory]
    [InlineData("*TOKEN*", "A_TOKEN_B", true)]
    [InlineData("*_KEY", "MY_KEY", true)]
    [InlineData("*_KEY", "MY_KEYS", false)]
    [InlineData("A*B*C", "AxxBxxC", true)]
    [InlineData("A*B*C", "AxxBxx", false)]
    [InlineData("PATH", "PATH", true)]
    [InlineData("PATH", "PATHS", false)]
    public void Matches_Glob_IsCaseInsensitiveWithStarOnly(string pattern, string name, bool expected)
    {
        Assert.Equal(expected, EnvironmentPolicy.Matches(pattern, name));
    }

    [Fact]
    public void Parse_EnvPolicy_AppliesToEveryWorkflow()
    {
        var suite = WorkflowConfig.Parse(Lines(
            "env_policy:",
            "  allow: [HF_TOKEN]",
            "  deny: ['CORP_*', INTERNAL_URL]",
            "workflows:",
            "  a: {run: x}",
            "  b: {run: y}"), "ailab.yaml");

        Assert.All(suite.Workflows, w =>
        {
            Assert.Equal(["HF_TOKEN"], w.EnvPolicy.Allow);
            Assert.Equal(["CORP_*", "INTERNAL_URL"], w.EnvPolicy.Deny);
        });
    }

    [Fact]
    public void Parse_NoEnvPolicy_UsesTheDefault()
    {
        var suite = WorkflowConfig.Parse("workflows:\n  a: {run: x}\n", "ailab.yaml");

        Assert.Same(EnvironmentPolicy.Default, suite.Workflows.Single().EnvPolicy);
    }

    [Fact]
    public void Parse_BadEnvPolicyEntries_ReportsEachAtItsLine()
    {
        var error = Fails(Lines(
            "env_policy:",
            "  allow: HF_TOKEN",
            "  deny: ['*', 'A=B', {x: 1}, '']",
            "  block: [X]",
            "workflows:",
            "  a: {run: x}"));

        HasError(error, 2, 10, "'allow' in 'env_policy' must be a list of variable names, found the string 'HF_TOKEN'");
        HasError(error, 3, 10, "invalid name '*' in 'deny' in 'env_policy'", "matches every variable");
        HasError(error, 3, 15, "invalid name 'A=B' in 'deny' in 'env_policy'", "cannot contain '='");
        HasError(error, 3, 22, "an entry of 'deny' in 'env_policy' must be a variable name, found a mapping");
        HasError(error, 3, 30, "invalid name '' in 'deny' in 'env_policy'", "it is empty");
        HasError(error, 4, 3, "block");
    }

    [Fact]
    public void Parse_EnvPolicyNotAMapping_ReportsIt()
    {
        var error = Fails("env_policy: [HF_TOKEN]\nworkflows:\n  a: {run: x}\n");

        HasError(error, 1, 13, "'env_policy' must be a mapping of allow and deny lists, found a list");
    }
}
