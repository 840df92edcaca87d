using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerNetTools.Analysis.Contract;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>Test-DockerNetContract through the real engine: the example contracts on SeedLab, .psd1 mistakes with file:line, the errors' ids.</summary>
    public sealed class TestDockerNetContractTests : IClassFixture<PowerShellSession>, IDisposable
    {
        private const string Fqid = ",DockerNetTools.PowerShell.Commands.TestDockerNetContractCommand";
        private readonly PowerShellSession _session;
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "dnt-contract-" + Guid.NewGuid().ToString("N"));

        public TestDockerNetContractTests(PowerShellSession session)
        {
            _session = session;
            Directory.CreateDirectory(_folder);
        }

        public void Dispose() => Directory.Delete(_folder, true);

        private static string Example(string name) => Path.Combine(Repository.Root, "examples", "contract", name);

        private string Write(string name, string text)
        {
            var path = Path.Combine(_folder, name);
            File.WriteAllText(path, text);
            return path;
        }

        private ScriptResult Run(string script, params (string Name, object? Value)[] parameters) =>
            _session.Run(script, parameters.ToDictionary(p => p.Name, p => p.Value));

        [Theory]
        [InlineData("SeedLab.contract.psd1")]
        [InlineData("SeedLab.contract.yaml")]
        public void ExampleContract_OnSeedLab_OneResultPerExpectationAllPassed(string file)
        {
            var results = Run("Test-DockerNetContract -Scenario SeedLab -Path $p", ("p", Example(file))).AssertClean().Objects<ContractResult>();

            Assert.Equal(7, results.Count);
            Assert.All(results, r => Assert.True(r.Passed, r.Expectation + ": " + r.Actual + ": " + r.Reason));
            Assert.Equal("nodectn reaches gifted_hodgkin on tcp/3306", results[0].Expectation);
            Assert.Equal(new[] { "Reaches", "Reaches", "NotReaches", "Resolves", "NotResolves", "Published", "ExposedOnly" }, results.Select(r => r.Kind));
        }

        [Fact]
        public void Psd1_BrokenExpectations_ContractFileInvalidWithEveryLine()
        {
            var path = Write("bad.psd1", "@{\n    Expectations = @(\n        @{ From = 'web'; Reaches = 'db'; Port = 99999 }\n        @{ Published = 8080; Bogus = 1 }\n    )\n}\n");

            var result = Run("Test-DockerNetContract -Scenario SeedLab -Path $p", ("p", path));

            var error = Assert.Single(result.Errors);
            Assert.Equal("ContractFileInvalid" + Fqid, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            var lines = error.Exception.Message.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
            Assert.Equal(path + ":3:49: 'port' must be a port number from 1 to 65535, not '99999'", lines[1]);
            Assert.StartsWith(path + ":4:30: unknown key 'Bogus'", lines[2], StringComparison.Ordinal);
            Assert.Empty(result.Output);
        }

        [Theory]
        [InlineData("@{ Expectations = @( @{ From = $env:USER; Reaches = 'db' } ) }", ":1:32: '$env:USER' is not data")]
        [InlineData("@{ Expectations = @( @{ From = (Get-Date); Reaches = 'db' } ) }", ":1:33: 'Get-Date' is not data")]
        [InlineData("@{ Expectations = @( @{ From = 'web' ) }", ":1:")]
        [InlineData("'web'", ":1:1: a contract is a map")]
        public void Psd1_CodeOrBadSyntax_ContractFileInvalidNeverRun(string text, string expected)
        {
            var path = Write("code.psd1", text);

            var error = Assert.Single(Run("Test-DockerNetContract -Scenario SeedLab -Path $p", ("p", path)).Errors);

            Assert.Equal("ContractFileInvalid" + Fqid, error.FullyQualifiedErrorId);
            Assert.Contains(path + expected, error.Exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void MissingFile_ContractFileNotFoundAndTheNextPathStillAnswers()
        {
            var result = Run("Test-DockerNetContract -Scenario SeedLab -Path $p, $q", ("p", Path.Combine(_folder, "nosuch.psd1")), ("q", Example("SeedLab.contract.yaml")));

            var error = Assert.Single(result.Errors);
            Assert.Equal("ContractFileNotFound" + Fqid, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal(7, result.Objects<ContractResult>().Count);
        }

        [Fact]
        public void PipedFiles_BindByFullName()
        {
            var results = Run("[System.IO.FileInfo]::new($p) | Test-DockerNetContract -Scenario SeedLab", ("p", Example("SeedLab.contract.psd1"))).AssertClean().Objects<ContractResult>();

            Assert.Equal(7, results.Count);
        }

        [Fact]
        public void FailingExpectation_WhereObjectNotPassedGivesTheAnalysisReason()
        {
            var path = Write("c.yaml", "expectations:\n  - { from: ubuntuA, reaches: ubuntuB, port: 80 }\n  - { published: 8080, onlyOn: 127.0.0.1 }\n");

            var failed = Run("Test-DockerNetContract -Scenario SeedLab -Path $p | Where-Object Passed -eq $false", ("p", path)).AssertClean().Objects<ContractResult>();

            Assert.Equal(2, failed.Count);
            Assert.Equal("NameNotResolved (by address: NoListener)", failed[0].Actual);
            Assert.StartsWith("'ubuntuB' does not resolve from ubuntuA", failed[0].Reason, StringComparison.Ordinal);
            Assert.Equal("0.0.0.0:8080/tcp (hello2)", failed[1].Actual);
        }

        [Fact]
        public void DefaultView_TableOfPassedExpectationExpectedActual()
        {
            var printed = DntRunner.InProcess("Test-DockerNetContract -Scenario SeedLab -Path examples/contract/SeedLab.contract.yaml");

            Assert.Equal(string.Empty, printed.Error);
            var header = printed.Output.Split('\n').First(l => l.Trim().Length > 0);
            Assert.Equal(new[] { "Passed", "Expectation", "Expected", "Actual" }, header.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
