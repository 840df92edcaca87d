using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using DockerNetTools.Backends.Scenario;
using DockerNetTools.Diagnostics;

namespace DockerNetTools.Tests.Scenario
{
    /// <summary>
    /// Derived host veth names are 7 hex digits of a hash, as Docker's are random: among 10,000 some collide, and where
    /// Docker simply draws another name, the scenario must derive another one too, still the same on every load.
    /// </summary>
    public sealed class ScenarioScaleTests
    {
        /// <summary>10,000 running containers, 100 on each of 100 user-defined networks: c{i} on app{n}.</summary>
        internal static string Fleet(int networks, int perNetwork)
        {
            var text = new StringBuilder("networks:\n");
            for (var n = 0; n < networks; n++)
                text.Append("  - { name: app").Append(n.ToString(CultureInfo.InvariantCulture))
                    .Append(", subnet: 10.").Append((n / 200).ToString(CultureInfo.InvariantCulture)).Append('.')
                    .Append((n % 200).ToString(CultureInfo.InvariantCulture)).Append(".0/24 }\n");
            text.Append("containers:\n");
            for (var n = 0; n < networks; n++)
                for (var c = 0; c < perNetwork; c++)
                    text.Append("  - { name: c").Append((n * perNetwork + c).ToString(CultureInfo.InvariantCulture))
                        .Append(", network: app").Append(n.ToString(CultureInfo.InvariantCulture)).Append(" }\n");
            return text.ToString();
        }

        [Fact]
        public void Parse_TenThousandContainersOnHundredNetworks_EveryVethNameDistinctAndStable()
        {
            // c6169 on app61 and c7877 on app78 hash to the same 7 digits: this scenario was rejected with "host interface … already exists".
            var text = Fleet(100, 100);
            var model = ScenarioLoader.Parse(text, "fleet.yaml");

            var veths = model.Containers.SelectMany(c => c.Endpoints).Select(e => e.HostVeth).ToList();
            Assert.Equal(10000, veths.Count);
            Assert.All(veths, v => Assert.Matches("^veth[0-9a-f]{7}$", v));
            Assert.Equal(veths.Count, veths.Distinct().Count());
            Assert.Equal(model.Host.Interfaces.Count, model.Host.Interfaces.Select(i => i.Name).Distinct().Count());
            Assert.NotEqual(model.FindContainer("c6169")!.Endpoints[0].HostVeth, model.FindContainer("c7877")!.Endpoints[0].HostVeth);

            // The same scenario gives the same names on every load.
            var again = ScenarioLoader.Parse(text, "again.yaml");
            Assert.Equal(veths, again.Containers.SelectMany(c => c.Endpoints).Select(e => e.HostVeth));
        }

        [Fact]
        public void Parse_VethNameGivenLater_DerivedNameOfAnEarlierContainerStepsAside()
        {
            // What a derives by itself, b names explicitly: the given name stays b's, and a's derivation picks another.
            var derived = ScenarioLoader.Parse("containers:\n  - { name: a }\n", "one.yaml").FindContainer("a")!.Endpoints[0].HostVeth!;
            var model = ScenarioLoader.Parse("containers:\n  - { name: a }\n  - { name: b, veth: " + derived + " }\n", "two.yaml");

            Assert.Equal(derived, model.FindContainer("b")!.Endpoints[0].HostVeth);
            var a = model.FindContainer("a")!.Endpoints[0].HostVeth!;
            Assert.Matches("^veth[0-9a-f]{7}$", a);
            Assert.NotEqual(derived, a);
            Assert.Equal(a, ScenarioLoader.Parse("containers:\n  - { name: a }\n  - { name: b, veth: " + derived + " }\n", "again.yaml").FindContainer("a")!.Endpoints[0].HostVeth);
        }

        [Fact]
        public void Parse_VethNameGivenTwice_StillAnError()
        {
            var error = Assert.Throws<DockerNetException>(() =>
                ScenarioLoader.Parse("containers:\n  - { name: a, veth: vethcafe001 }\n  - { name: b, veth: vethcafe001 }\n", "bad.yaml"));
            Assert.Contains("host interface vethcafe001 already exists", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void Parse_HundredContainers_DerivedNamesUnchanged()
        {
            // Names without a collision are the hash's, as before: scenario files and docs that quote them stay right.
            var model = ScenarioLoader.Parse(Fleet(10, 10), "fleet.yaml");
            var names = new HashSet<string>(model.Containers.Select(c => c.Endpoints[0].HostVeth!));
            Assert.Equal(100, names.Count);
            Assert.Contains(DerivedIds.VethName("c0", "app0"), names);
        }
    }
}
