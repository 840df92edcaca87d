using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using DockerNetTools.PowerShell.Tests.Infrastructure;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>
    /// PowerShell users filter on what they see (Where-Object Host -like '*:8080', Select-Object Service): every column and
    /// list label of every view in every format file names a property of the view's type, and every property a view reads exists.
    /// </summary>
    public sealed class ViewColumnTests : IClassFixture<PowerShellSession>
    {
        private static readonly string Folder = Path.Combine(Repository.Root, "src", "DockerNetTools.PowerShell", "Formats");
        private readonly PowerShellSession _session;

        public ViewColumnTests(PowerShellSession session) => _session = session;

        public static IEnumerable<object[]> Views() =>
            Directory.GetFiles(Folder, "*.format.ps1xml").OrderBy(f => f, StringComparer.Ordinal)
                .SelectMany(f => XDocument.Load(f).Descendants("View")
                    .Select(v => new object[] { Path.GetFileName(f), (string)v.Element("Name")! }));

        [Fact]
        public void Views_EveryFormatFileHasViews() =>
            Assert.All(Directory.GetFiles(Folder, "*.format.ps1xml"), f => Assert.NotEmpty(XDocument.Load(f).Descendants("View")));

        [Theory]
        [MemberData(nameof(Views))]
        public void View_EveryColumnNamesAPropertyOfItsType(string file, string viewName)
        {
            var view = XDocument.Load(Path.Combine(Folder, file)).Descendants("View").Single(v => (string)v.Element("Name")! == viewName);
            var typeNames = view.Element("ViewSelectedBy")!.Elements("TypeName").Select(t => t.Value.Trim()).ToList();
            Assert.NotEmpty(typeNames);

            foreach (var typeName in typeNames)
            {
                // A view for a pseudo type name (NameAnswer#Probed) shows the real type's properties.
                var type = ResolveType(typeName.Split('#')[0]);
                var properties = new HashSet<string>(type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name), StringComparer.Ordinal);
                // Rows of several hosts (Type#Hosts) carry the Daemon note the cmdlet adds, which their heading shows.
                if (typeName.EndsWith("#Hosts", StringComparison.Ordinal)) properties.Add("Daemon");
                var shown = Columns(view).ToList();
                Assert.NotEmpty(shown);
                foreach (var (header, propertyName) in shown)
                {
                    Assert.True(properties.Contains(header),
                        viewName + " in " + file + ": the column '" + header + "' is not a property of " + type.FullName +
                        " (Where-Object " + header + " … would silently match nothing); properties: " + string.Join(", ", properties.OrderBy(p => p)));
                    if (propertyName != null)
                        Assert.True(properties.Contains(propertyName), viewName + " in " + file + ": reads a property " + propertyName + " that " + type.FullName + " does not have");
                }
            }
        }

        /// <summary>Each column's header (its Label, else the property it shows) and the property it reads, if it reads one.</summary>
        private static IEnumerable<(string Header, string? PropertyName)> Columns(XElement view)
        {
            var table = view.Element("TableControl");
            if (table != null)
            {
                var headers = table.Element("TableHeaders")!.Elements("TableColumnHeader").ToList();
                foreach (var row in table.Descendants("TableColumnItems"))
                {
                    var items = row.Elements("TableColumnItem").ToList();
                    Assert.Equal(headers.Count, items.Count);
                    for (var i = 0; i < items.Count; i++)
                    {
                        var property = (string?)items[i].Element("PropertyName");
                        var header = (string?)headers[i].Element("Label") ?? property;
                        Assert.True(header != null, "a column with neither a Label nor a PropertyName");
                        yield return (header!, property);
                    }
                }
            }
            var list = view.Element("ListControl");
            if (list != null)
            {
                foreach (var item in list.Descendants("ListItem"))
                {
                    var property = (string?)item.Element("PropertyName");
                    var label = (string?)item.Element("Label") ?? property;
                    Assert.True(label != null, "a list item with neither a Label nor a PropertyName");
                    yield return (label!, property);
                }
            }
            var group = view.Element("GroupBy");
            if (group != null) yield return ((string?)group.Element("Label") ?? (string)group.Element("PropertyName")!, (string?)group.Element("PropertyName"));
        }

        // Through the runspace that imported the module, so the module's own types (DockerNetConnection) resolve too.
        private Type ResolveType(string name)
        {
            var result = _session.Run("[type]$name", new Dictionary<string, object?> { ["name"] = name }).AssertClean();
            return Assert.IsAssignableFrom<Type>(Assert.Single(result.Output).BaseObject);
        }

        [Theory]
        [InlineData("Get-DockerNetPortBinding -Scenario SeedLab | Where-Object Host -like '*:8004' | ForEach-Object Container", "greenColorApp")]
        [InlineData("Get-DockerNetTopology -Scenario SeedLab | Where-Object Icc -eq $true | Where-Object Name -eq second-bridge | ForEach-Object Name", "second-bridge")]
        [InlineData("Get-DockerNetTopology -Scenario SeedLab -Network host | ForEach-Object { $null -eq $_.Icc }", "True")]
        [InlineData("Test-DockerNetReachability -Scenario SeedLab -Source ubuntuA -Destination ubuntuB | ForEach-Object Service", "icmp")]
        [InlineData("Test-DockerNetReachability -Scenario SeedLab -Source ubuntuC -Destination nginx2 -Port 80 | ForEach-Object Service", "tcp/80")]
        [InlineData("Get-DockerNetSocket -Scenario SeedLab -Container gifted_hodgkin -State Listen | Where-Object LocalEndpoint -like '*:3306' | ForEach-Object RemoteEndpoint", "[::]:*")]
        public void Filter_OnWhatTheViewShows(string script, string expected)
        {
            var result = _session.Run(script).AssertClean();

            Assert.Equal(expected, Assert.Single(result.Output).ToString());
        }

        [Fact]
        public void SelectObject_AColumnShownByTheView_HasTheShownValue()
        {
            var result = DntRunner.InProcess("Get-DockerNetPortBinding -Scenario SeedLab -Container greenColorApp | Select-Object Container, Host | ConvertTo-Csv");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("\"greenColorApp\",\"0.0.0.0:8004\"", result.Output);
        }
    }
}
