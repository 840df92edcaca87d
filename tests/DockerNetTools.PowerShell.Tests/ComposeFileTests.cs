using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerNetTools.Analysis.Ports;
using DockerNetTools.Analysis.Reachability;
using DockerNetTools.Analysis.Topology;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>-ComposeFile, -ProjectName and -Profile on the cmdlets: the stack alone, on top of a scenario, and the errors.</summary>
    public sealed class ComposeFileTests
    {
        private const string Stack = @"
services:
  web:
    image: dnt-busybox:latest
    ports: [""8080:80""]
    networks: [front]
  db:
    image: dnt-busybox:latest
    expose: [""5432""]
    networks: [front]
  debug:
    image: dnt-busybox:latest
    profiles: [debug]
networks:
  front:
";

        [Fact]
        public void ComposeFolder_RelativeToLocation_StackModelledOnAnEmptyHost()
        {
            using var temp = new TempFolder();
            var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "Shop")).FullName;
            File.WriteAllText(Path.Combine(folder, "compose.yaml"), Stack);
            using var session = new PowerShellSession();
            var vars = new Dictionary<string, object?> { ["dir"] = temp.Path };

            var rows = session.Run("$null = $ExecutionContext.SessionState.Path.SetLocation($dir); Get-DockerNetInterface -ComposeFile ./Shop", vars).AssertClean().Objects<ContainerInterface>();
            Assert.Equal(new[] { "shop-db-1", "shop-web-1" }, rows.Select(r => r.Container).OrderBy(n => n));
            Assert.All(rows, r => Assert.Equal("shop_front", r.Network));

            var answer = Assert.Single(session.Run("Test-DockerNetReachability -ComposeFile ./Shop -Source shop-web-1 -Destination db -Port 5432", vars).AssertClean().Objects<ReachabilityResult>());
            Assert.Equal(nameof(ReachabilityVerdict.Reachable), answer.Verdict);
            Assert.Contains("assumed from `expose: 5432`", answer.PathText);

            var withProfile = session.Run("Get-DockerNetInterface -ComposeFile ./Shop/compose.yaml -ProjectName other -Profile debug", vars).AssertClean().Objects<ContainerInterface>();
            Assert.Contains(withProfile, r => r.Container == "other-debug-1");
        }

        [Fact]
        public void Project_FiltersAndServiceNames_StandForTheirContainers()
        {
            using var temp = new TempFolder();
            File.WriteAllText(Path.Combine(temp.Path, "compose.yaml"), Stack);
            File.WriteAllText(Path.Combine(temp.Path, "host.yaml"),
                "networks:\n  - { name: blognet }\ncontainers:\n  - name: blog-web-1\n    network: blognet\n    labels: { com.docker.compose.project: blog, com.docker.compose.service: web }\n  - { name: plain }\n");
            using var session = new PowerShellSession();
            var vars = new Dictionary<string, object?> { ["compose"] = Path.Combine(temp.Path, "compose.yaml"), ["hostFile"] = Path.Combine(temp.Path, "host.yaml") };

            var rows = session.Run("Get-DockerNetInterface -ComposeFile $compose -ProjectName shop -Scenario $hostFile -Project sh*", vars).AssertClean();
            Assert.Equal(new[] { "shop-db-1", "shop-web-1" }, rows.Objects<ContainerInterface>().Select(r => r.Container).OrderBy(n => n));
            Assert.All(rows.Objects<ContainerInterface>(), r => Assert.Equal("shop", r.Project));
            Assert.All(rows.Output, o => Assert.Equal("DockerNetTools.Analysis.Topology.ContainerInterface#Compose", o.TypeNames[0]));
            var networks = session.Run("Get-DockerNetTopology -ComposeFile $compose -ProjectName shop -Scenario $hostFile -Project blog", vars).AssertClean().Objects<NetworkTopology>();
            Assert.Equal("blognet", Assert.Single(networks).Name);
            Assert.Equal(new[] { "blog" }, networks[0].Projects);
            Assert.Null(networks[0].Project);

            // A service name where a container is expected: the one project's replica 1; in two projects, ambiguous.
            var answer = Assert.Single(session.Run("Test-DockerNetReachability -ComposeFile $compose -ProjectName shop -Scenario $hostFile -Source db -Destination shop-web-1", vars)
                .AssertClean().Objects<ReachabilityResult>());
            Assert.Equal("shop-db-1", answer.Source);
            var ambiguous = session.Run("Get-DockerNetInterface -ComposeFile $compose -ProjectName shop -Scenario $hostFile -Container web", vars);
            var error = Assert.Single(ambiguous.Errors);
            Assert.Equal("ContainerAmbiguous,DockerNetTools.PowerShell.Commands.GetDockerNetInterfaceCommand", error.FullyQualifiedErrorId);
            Assert.Contains("blog-web-1 (project blog), shop-web-1 (project shop)", error.Exception.Message);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        }

        [Fact]
        public void Pipeline_ResultOfAComposeCommand_NextCmdletReadsTheSameStack()
        {
            using var temp = new TempFolder();
            File.WriteAllText(Path.Combine(temp.Path, "compose.yaml"), Stack);
            using var session = new PowerShellSession();
            var vars = new Dictionary<string, object?> { ["dir"] = temp.Path };

            var result = session.Run("$null = $ExecutionContext.SessionState.Path.SetLocation($dir); "
                + "Get-DockerNetInterface -ComposeFile . -ProjectName shop -Profile debug -Container web | Test-DockerNetReachability -Destination debug", vars).AssertClean();
            var answer = Assert.Single(result.Objects<ReachabilityResult>());
            Assert.Equal("shop-web-1", answer.Source);
            Assert.Equal("shop-debug-1", answer.DestinationContainer);
            Assert.Equal(new[] { temp.Path }, (string[])result.Output[0].Properties["ComposeFile"].Value);
            Assert.Equal("shop", result.Output[0].Properties["ProjectName"].Value);
        }

        [Fact]
        public void ComposeView_GroupedByProjectWithAServiceColumn()
        {
            using var temp = new TempFolder();
            File.WriteAllText(Path.Combine(temp.Path, "compose.yaml"), Stack);
            var result = DntRunner.InProcess("Get-DockerNetInterface -ComposeFile '" + Path.Combine(temp.Path, "compose.yaml") + "' -ProjectName shop");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Matches(@"(?m)^\s*Project: shop\s*$", result.Output);
            Assert.Matches(@"(?m)^Service\s+Container\s+Interface\s+IPAddress\s+HostVeth\s+Bridge\s+Network\s+Note\s*$", result.Output);
            Assert.Matches(@"(?m)^db\s+shop-db-1\s+eth0\s+", result.Output);
            var networks = DntRunner.InProcess("Get-DockerNetTopology -ComposeFile '" + Path.Combine(temp.Path, "compose.yaml") + "' -ProjectName shop -Project shop");
            Assert.True(networks.ExitCode == 0, networks.ToString());
            Assert.Matches(@"(?m)^\s*Project: shop\s*$", networks.Output);
            Assert.Matches(@"(?m)^shop_front\s+bridge\s+br-[0-9a-f]{12}\s+", networks.Output);
        }

        [Fact]
        public void ComposeFile_OnTopOfAScenario_MeetsItsPorts()
        {
            using var temp = new TempFolder();
            File.WriteAllText(Path.Combine(temp.Path, "compose.yaml"), Stack);
            File.WriteAllText(Path.Combine(temp.Path, "host.yaml"), "containers:\n  - { name: legacy, publish: [\"8080:80\"] }\n");
            using var session = new PowerShellSession();
            var vars = new Dictionary<string, object?> { ["compose"] = Path.Combine(temp.Path, "compose.yaml"), ["hostFile"] = Path.Combine(temp.Path, "host.yaml") };

            var result = session.Run("Get-DockerNetPortBinding -ComposeFile $compose -Scenario $hostFile", vars);
            var error = Assert.Single(result.Errors);
            Assert.Equal("ComposeFileInvalid,DockerNetTools.PowerShell.Commands.GetDockerNetPortBindingCommand", error.FullyQualifiedErrorId);
            Assert.Contains("compose.yaml:5:13: Bind for 0.0.0.0:8080 failed: port is already allocated (by legacy)", error.Exception.Message);

            File.WriteAllText(Path.Combine(temp.Path, "host.yaml"), "containers:\n  - { name: legacy, publish: [\"9090:80\"] }\n");
            var bindings = session.Run("Get-DockerNetPortBinding -ComposeFile $compose -Scenario $hostFile", vars).AssertClean().Objects<PortBindingReport>();
            Assert.Contains(bindings, b => b.Container == "legacy");
            Assert.Contains(bindings, b => b.HostPort == 8080);
        }

        [Fact]
        public void ComposeFile_Missing_ComposeFileNotFound()
        {
            using var session = new PowerShellSession();
            var result = session.Run("Get-DockerNetTopology -ComposeFile ./no-such-compose.yaml");
            var error = Assert.Single(result.Errors);
            Assert.Equal("ComposeFileNotFound,DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        }

        [Fact]
        public void ProjectNameWithoutComposeFile_ComposeFileMissing()
        {
            using var session = new PowerShellSession();
            var result = session.Run("Get-DockerNetTopology -Scenario SeedLab -ProjectName shop");
            var error = Assert.Single(result.Errors);
            Assert.Equal("ComposeFileMissing,DockerNetTools.PowerShell.Commands.GetDockerNetTopologyCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        }
    }
}
