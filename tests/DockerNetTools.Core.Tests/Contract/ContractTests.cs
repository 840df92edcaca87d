using System.Linq;
using DockerNetTools.Analysis.Contract;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Contract
{
    /// <summary>The issue's contract (web reaches db on tcp/5432, not admin; api resolves cache; 8080 on 127.0.0.1 only; only 443 outside) on a small host.</summary>
    public class ContractTests
    {
        private const string Lab = @"
networks:
  - { name: app, subnet: 10.68.1.0/24 }
  - { name: ops, subnet: 10.68.2.0/24 }
containers:
  - name: web
    network: app
    publish: [""443:8443"", ""127.0.0.1:8080:80""]
    sockets: [ { protocol: tcp, local: ""0.0.0.0:8443"", state: listen }, { protocol: tcp, local: ""0.0.0.0:80"", state: listen } ]
  - name: db
    network: app
    sockets: [ { protocol: tcp, local: ""0.0.0.0:5432"", state: listen } ]
  - name: api
    network: app
  - name: cache
    network: app
    aliases: [redis]
  - name: admin
    network: ops
    sockets: [ { protocol: tcp, local: ""0.0.0.0:80"", state: listen } ]
";

        private const string Contract = @"
expectations:
  - { from: web, reaches: db, port: 5432 }
  - { from: web, notReaches: admin, port: 80 }
  - { from: api, resolves: cache }
  - { published: 8080, onlyOn: 127.0.0.1 }
  - { exposedOnly: [443] }
";

        private static DockerHostModel Host(string extra = "") => ScenarioLoader.Parse(Lab + extra, "lab.yaml");

        private static ContractResult[] Check(string contract, DockerHostModel? model = null) =>
            ContractEvaluator.Evaluate(model ?? Host(), ContractReader.ParseYaml(contract, "contract.yaml")).ToArray();

        [Fact]
        public void Evaluate_IssueContractOnItsHost_EveryExpectationPasses()
        {
            var results = Check(Contract);

            Assert.Equal(new[] { "web reaches db on tcp/5432", "web does not reach admin on tcp/80", "api resolves cache",
                "host port 8080/tcp is published only on 127.0.0.1", "nothing is exposed outside the host but 443" }, results.Select(r => r.Expectation));
            Assert.All(results, r => Assert.True(r.Passed, r.Expectation + ": " + r.Actual + ": " + r.Reason));
            Assert.Equal(new[] { "Reachable", "NameNotResolved (by address: Blocked)", "resolves to 10.68.1.5", "127.0.0.1:8080/tcp (web)", "exposed: 443/tcp" },
                results.Select(r => r.Actual));
            Assert.Equal(new[] { "contract.yaml:3:5", "contract.yaml:4:5", "contract.yaml:5:5", "contract.yaml:6:5", "contract.yaml:7:5" }, results.Select(r => r.Location));
        }

        [Fact]
        public void Evaluate_AdminOnTheAppNetworkAndPortsOnEveryAddress_TheBrokenExpectationsFailWithTheAnalysisReason()
        {
            var model = ScenarioLoader.Parse(Lab.Replace("network: ops", "network: app").Replace("127.0.0.1:8080:80", "8080:80"), "lab.yaml");

            var results = Check(Contract, model);

            Assert.Equal(new[] { true, false, true, false, false }, results.Select(r => r.Passed));
            Assert.Equal("Reachable", results[1].Actual);
            Assert.Contains("both on app", results[1].Reason, System.StringComparison.Ordinal);
            Assert.Equal("0.0.0.0:8080/tcp (web)", results[3].Actual);
            Assert.Equal("Recreate web with -p 127.0.0.1:8080:80.", results[3].Remedy);
            Assert.Equal("exposed: 443/tcp, 8080/tcp", results[4].Actual);
            Assert.StartsWith("0.0.0.0:8080/tcp (web) is exposed outside the host", results[4].Reason, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Evaluate_NameThatDoesNotResolveButAddressGetsThrough_NotReachesFails()
        {
            // On the default bridge no name resolves, but the packets flow: isolation is not met.
            var model = ScenarioLoader.Parse("containers:\n  - { name: a }\n  - { name: b }\n", "lab.yaml");

            var result = Check("expectations:\n  - { from: a, notReaches: b }\n", model).Single();

            Assert.False(result.Passed);
            Assert.Equal("NameNotResolved (by address: Reachable)", result.Actual);
            Assert.StartsWith("The name does not resolve, but the address does get through", result.Reason, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Evaluate_UnknownContainer_FailsThatExpectationOnlyWithTheErrorId()
        {
            var results = Check("expectations:\n  - { from: nosuch, reaches: db }\n  - { from: api, resolves: redis }\n  - { from: api, notResolves: admin }\n");

            Assert.False(results[0].Passed);
            Assert.Equal(ErrorIds.ContainerNotFound, results[0].Actual);
            Assert.True(results[1].Passed, results[1].Reason);
            Assert.True(results[2].Passed, results[2].Reason);
            Assert.Equal("does not resolve", results[2].Actual);
        }

        [Fact]
        public void Evaluate_PortNobodyPublishes_PublishedFails()
        {
            var result = Check("expectations:\n  - published: 9090\n    protocol: udp\n").Single();

            Assert.False(result.Passed);
            Assert.Equal("not published", result.Actual);
            Assert.Equal("host port 9090/udp is published", result.Expectation);
        }

        [Fact]
        public void Read_NameKey_ReplacesTheGeneratedText()
        {
            var result = Check("Expectations:\n  - { Name: 'shop talks to its database', From: web, Reaches: db, Port: 5432, Protocol: TCP }\n").Single();

            Assert.Equal("shop talks to its database", result.Expectation);
            Assert.True(result.Passed, result.Reason);
        }

        [Theory]
        [InlineData("expectations: []\n", "contract.yaml:1:15: 'expectations' is empty")]
        [InlineData("expect: []\n", "contract.yaml:1:1: unknown key 'expect'")]
        [InlineData("expectations:\n  - { from: web, reaches: db, port: 70000 }\n", "contract.yaml:2:37: 'port' must be a port number from 1 to 65535, not '70000'")]
        [InlineData("expectations:\n  - { reaches: db }\n", "contract.yaml:2:5: 'reaches' needs 'from'")]
        [InlineData("expectations:\n  - { from: web, reaches: db, resolves: db }\n", "contract.yaml:2:5: an expectation has one of the keys")]
        [InlineData("expectations:\n  - { from: web, reaches: db, protocol: tcp }\n", "contract.yaml:2:5: ")]
        [InlineData("expectations:\n  - { published: 8080, onlyOn: localhost }\n", "contract.yaml:2:32: 'onlyOn' must be host addresses")]
        [InlineData("expectations:\n  - { exposedOnly: [443], from: web }\n", "contract.yaml:2:27: 'from' does not go with 'exposedOnly'")]
        [InlineData("expectations:\n  - { from: web, reaches: db\n", "contract.yaml:3:1: YAML syntax error")]
        public void ParseYaml_Mistake_ContractFileInvalidWithFileLineColumn(string yaml, string expected)
        {
            var exception = Assert.Throws<DockerNetException>(() => ContractReader.ParseYaml(yaml, "contract.yaml"));

            Assert.Equal(ErrorIds.ContractFileInvalid, exception.ErrorId);
            Assert.Equal(ErrorKind.InvalidData, exception.Kind);
            Assert.Contains("\n" + expected, exception.Message.Replace("\r", string.Empty), System.StringComparison.Ordinal);
        }

        [Fact]
        public void ParseYaml_SeveralMistakes_ListsThemAllInLineOrder()
        {
            var exception = Assert.Throws<DockerNetException>(() => ContractReader.ParseYaml(
                "expectations:\n  - { from: web, reaches: db, port: 0 }\n  - { bogus: 1, published: 8080 }\n", "c.yaml"));

            var lines = exception.Message.Replace("\r", string.Empty).Split('\n');
            Assert.Equal("Contract c.yaml is invalid (2 errors):", lines[0]);
            Assert.StartsWith("c.yaml:2:", lines[1], System.StringComparison.Ordinal);
            Assert.StartsWith("c.yaml:3:7: unknown key 'bogus'", lines[2], System.StringComparison.Ordinal);
        }

        [Fact]
        public void ReadText_MissingFile_ContractFileNotFound()
        {
            var exception = Assert.Throws<DockerNetException>(() => ContractReader.ReadText("/nonexistent/contract.psd1"));

            Assert.Equal(ErrorIds.ContractFileNotFound, exception.ErrorId);
            Assert.Equal(ErrorKind.NotFound, exception.Kind);
        }
    }
}
