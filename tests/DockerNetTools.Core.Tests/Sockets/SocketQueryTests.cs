using System.Linq;
using DockerNetTools.Analysis.Sockets;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Sockets
{
    public class SocketQueryTests
    {
        private const string Lab = @"
host:
  listeners:
    - { protocol: tcp, local: ""0.0.0.0:22"", process: sshd, pid: 812 }
networks:
  - { name: bridgetest, subnet: 172.18.0.0/16 }
containers:
  - name: sourcecontainer
    network: bridgetest
    ip: 172.18.0.2
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:3306"", state: listen, process: mysqld, pid: 4242 }
      - { protocol: tcp6, local: ""[::]:33060"", state: listen, process: mysqld, pid: 4242 }
      - { protocol: tcp, local: ""172.18.0.2:3306"", remote: ""172.18.0.4:41234"", state: established, recvQ: 0, sendQ: 120, process: mysqld }
      - { protocol: udp, local: ""127.0.0.11:53"", state: unconnected }
  - { name: targetcontainer, network: ""container:sourcecontainer"" }
  - { name: unknowncontainer, network: bridgetest, ip: 172.18.0.9 }
  - { name: stopped, network: bridgetest, state: exited }
  - name: hostnettest
    network: host
    sockets:
      - { protocol: tcp, local: ""0.0.0.0:8080"", state: listen, process: httpd }
";

        private static DockerHostModel Model() => ScenarioLoader.Parse(Lab, "test.yaml");

        private static SocketQueryResult Query(DockerHostModel model, string[] names, SocketFilter? filter = null, bool includeHost = false) =>
            SocketQuery.Query(model, names.Select(n => model.FindContainer(n)!), filter, includeHost);

        [Fact]
        public void Query_Container_ListsItsNamespaceSocketsWithGetNetTcpConnectionFields()
        {
            var rows = Query(Model(), new[] { "sourcecontainer" }).Rows;

            Assert.Equal(4, rows.Count);
            var listen = rows[0];
            Assert.Equal("sourcecontainer", listen.Container);
            Assert.Equal(SocketProtocol.Tcp, listen.ProtocolValue);
            Assert.Equal("0.0.0.0", listen.LocalAddress.ToString());
            Assert.Equal(3306, listen.LocalPort);
            Assert.Equal(SocketState.Listen, listen.StateValue);
            Assert.Equal("mysqld", listen.Process);
            Assert.Equal(4242, listen.OwningProcess);
            Assert.Equal("sourcecontainer", listen.Namespace);
            Assert.Equal(new[] { "targetcontainer" }, listen.SharedWith);
            var established = rows[2];
            Assert.Equal("172.18.0.4", established.RemoteAddress.ToString());
            Assert.Equal(41234, established.RemotePort);
            Assert.Equal(120, established.SendQ);
        }

        [Fact]
        public void Query_ContainerModeContainer_ReportsTheOwnersSocketsAndSaysItShares()
        {
            var model = Model();
            var source = Query(model, new[] { "sourcecontainer" }).Rows;
            var target = Query(model, new[] { "targetcontainer" }).Rows;

            Assert.Equal(source.Select(r => r.ToString().Substring(r.Container.Length)), target.Select(r => r.ToString().Substring(r.Container.Length)));
            Assert.All(target, r => Assert.Equal("targetcontainer", r.Container));
            Assert.All(target, r => Assert.Equal("sourcecontainer", r.Namespace));
            Assert.All(target, r => Assert.Equal(new[] { "sourcecontainer" }, r.SharedWith));
        }

        [Theory]
        [InlineData(SocketState.Listen, null, null, 2)]
        [InlineData(SocketState.Established, null, null, 1)]
        [InlineData(null, TransportProtocol.Udp, null, 1)]
        [InlineData(null, TransportProtocol.Tcp, null, 3)]
        [InlineData(null, null, 3306, 2)]
        [InlineData(null, null, 41234, 1)]
        [InlineData(SocketState.Listen, TransportProtocol.Tcp, 33060, 1)]
        [InlineData(SocketState.TimeWait, null, null, 0)]
        public void Query_Filters_KeepOnlyMatchingRows(SocketState? state, TransportProtocol? protocol, int? port, int expected)
        {
            var filter = new SocketFilter(state.HasValue ? new[] { state.Value } : null, protocol, port);

            Assert.Equal(expected, Query(Model(), new[] { "sourcecontainer" }, filter).Rows.Count);
        }

        [Fact]
        public void Query_SocketsNotRead_IsAnIssueNotAnEmptyList()
        {
            var result = Query(Model(), new[] { "unknowncontainer" });

            Assert.Empty(result.Rows);
            var issue = Assert.Single(result.Issues);
            Assert.Equal(SocketIssueKind.SocketsUnknown, issue.Kind);
            Assert.Contains("unknown, not absent", issue.Reason);
        }

        [Fact]
        public void UnknownSockets_SeveralContainers_OneSentenceNamingThemAll()
        {
            var one = new SocketIssue("web", SocketIssueKind.SocketsUnknown, "The sockets of 'web' were not read, so they are unknown, not absent.");
            var two = new SocketIssue("db", SocketIssueKind.SocketsUnknown, "The sockets of 'db' were not read, so they are unknown, not absent.");

            Assert.Equal(one.Reason, SocketQuery.UnknownSockets(new[] { one }));
            Assert.Equal("The sockets of 'web', 'db' were not read, so they are unknown, not absent.", SocketQuery.UnknownSockets(new[] { one, two }));
        }

        [Fact]
        public void Query_StoppedContainer_IsAnIssueSayingItHasNoNamespace()
        {
            var issue = Assert.Single(Query(Model(), new[] { "stopped" }).Issues);

            Assert.Equal(SocketIssueKind.NotRunning, issue.Kind);
            Assert.Contains("no network namespace", issue.Reason);
        }

        [Fact]
        public void Query_HostModeContainer_ReportsTheHostNamespace()
        {
            var rows = Query(Model(), new[] { "hostnettest" }).Rows;

            Assert.Contains(rows, r => r.LocalPort == 8080 && r.Process == "httpd");
            Assert.Contains(rows, r => r.LocalPort == 22 && r.Process == "sshd");
            Assert.All(rows, r => Assert.Equal("host", r.Namespace));
            Assert.All(rows, r => Assert.Contains(SocketQuery.HostName, r.SharedWith));
        }

        [Fact]
        public void Query_IncludeHost_AddsTheHostsOwnSocketsOnce()
        {
            var rows = Query(Model(), new[] { "sourcecontainer" }, includeHost: true).Rows;

            var host = rows.Where(r => r.Container == SocketQuery.HostName).ToList();
            Assert.Equal(2, host.Count);
            Assert.Contains(host, r => r.LocalPort == 22 && r.OwningProcess == 812);
            Assert.All(host, r => Assert.Equal(new[] { "hostnettest" }, r.SharedWith));
        }
    }
}
