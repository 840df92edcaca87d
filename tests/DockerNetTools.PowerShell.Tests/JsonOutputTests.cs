using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Text.Json;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>
    /// `| ConvertTo-Json` of every result type: addresses as text and enumerations by name. pwsh's ConvertTo-Json reads a
    /// .NET object's public properties by reflection (no ETS member can change that), so the result types themselves hold
    /// text: checked on the types (every property reachable from a cmdlet's [OutputType]) and on real output through dnt.
    /// </summary>
    public sealed class JsonOutputTests : IClassFixture<PowerShellSession>
    {
        private readonly PowerShellSession _session;

        public JsonOutputTests(PowerShellSession session) => _session = session;

        /// <summary>The result types of the module's cmdlets (their [OutputType]s) and every type reachable through their properties.</summary>
        private IEnumerable<Type> ResultTypes()
        {
            var roots = _session.Run("Get-Command -Module DockerNetTools | ForEach-Object { $_.OutputType.Type }").AssertClean().Output
                .Select(o => (Type)o.BaseObject)
                .Where(t => t.Namespace != null && t.Namespace.StartsWith("DockerNetTools", StringComparison.Ordinal));
            var seen = new HashSet<Type>();
            var queue = new Queue<Type>(roots);
            while (queue.Count > 0)
            {
                var type = queue.Dequeue();
                if (!seen.Add(type)) continue;
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                    foreach (var inner in Inner(property.PropertyType))
                        if (inner.Namespace != null && inner.Namespace.StartsWith("DockerNetTools", StringComparison.Ordinal) && !inner.IsEnum)
                            queue.Enqueue(inner);
            }
            return seen;
        }

        /// <summary>The type itself, a nullable's underlying type, and the element types of a sequence.</summary>
        private static IEnumerable<Type> Inner(Type type)
        {
            yield return Nullable.GetUnderlyingType(type) ?? type;
            foreach (var sequence in type.GetInterfaces().Append(type).Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)))
                yield return sequence.GetGenericArguments()[0];
        }

        [Fact]
        public void ResultTypes_HoldNoAddressObjectsAndNoEnumerations()
        {
            var types = ResultTypes().ToList();
            Assert.Contains(types, t => t.Name == "ReachabilityHop");
            var offending = types
                .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => (t, p)))
                .Where(x => Inner(x.p.PropertyType).Any(i => i == typeof(IPAddress) || i.IsEnum))
                .Select(x => x.t.Name + "." + x.p.Name + " : " + x.p.PropertyType.Name)
                .ToList();
            Assert.True(offending.Count == 0, "ConvertTo-Json would write these as objects or numbers:\n" + string.Join("\n", offending));
        }

        [Fact]
        public void ConvertToJson_WritesAddressesAndVerdictsAsText()
        {
            var printed = DntRunner.InProcess(
                "Test-DockerNetReachability -Scenario SeedLab -Source ubuntuA -Destination 172.17.0.5 -Port 80 | ConvertTo-Json -Depth 4 -Compress", 1000);
            Assert.Equal(string.Empty, printed.Error);
            using var json = JsonDocument.Parse(printed.Output);
            var result = json.RootElement;
            Assert.Equal("172.17.0.5", result.GetProperty("DestinationAddress").GetString());
            Assert.Equal(JsonValueKind.String, result.GetProperty("Verdict").ValueKind);
            Assert.Equal("tcp", result.GetProperty("Protocol").GetString(), ignoreCase: true);
            var firstHop = result.GetProperty("Path")[0];
            Assert.Equal("172.17.0.2", firstHop.GetProperty("Address").GetString());
            Assert.Equal(JsonValueKind.String, firstHop.GetProperty("Kind").ValueKind);
        }

        public static IEnumerable<object[]> Cmdlets() => CsvOutputTests.Commands.Keys.Select(c => new object[] { c });

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void ConvertToJson_NoNumberWhereANameIsMeant(string cmdlet)
        {
            var printed = DntRunner.InProcess("@(" + CsvOutputTests.Commands[cmdlet] + ") | ConvertTo-Json -Depth 6 -Compress", 1000);
            Assert.Equal(string.Empty, printed.Error);
            using var json = JsonDocument.Parse(printed.Output);
            var problems = new List<string>();
            Walk(json.RootElement, "$", problems);
            Assert.True(problems.Count == 0, cmdlet + ":\n" + string.Join("\n", problems.Take(20)));
        }

        /// <summary>An IPAddress object (its AddressFamily/ScopeId properties) anywhere in the output is a problem.</summary>
        private static void Walk(JsonElement element, string path, List<string> problems)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    if (element.TryGetProperty("AddressFamily", out _) && element.TryGetProperty("ScopeId", out _))
                        problems.Add(path + " is an address written as an object");
                    foreach (var property in element.EnumerateObject()) Walk(property.Value, path + "." + property.Name, problems);
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in element.EnumerateArray()) Walk(item, path + "[" + i++ + "]", problems);
                    break;
            }
        }
    }
}
