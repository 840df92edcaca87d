using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Language;

namespace DockerNetTools.PowerShell.Tests.Infrastructure
{
    /// <summary>
    /// Reads a .psd1 with the PowerShell parser (Import-PowerShellDataFile is in the Utility module, which the test runspaces do not import),
    /// so the tests compare the module's behaviour with what the manifest says, not with a hard-coded list.
    /// </summary>
    internal sealed class ManifestFile
    {
        private readonly HashtableAst _table;

        private ManifestFile(HashtableAst table) => _table = table;

        public static ManifestFile Read(string path)
        {
            var ast = Parser.ParseFile(path, out _, out var errors);
            Assert.Empty(errors);
            var table = (HashtableAst)ast.Find(a => a is HashtableAst, searchNestedScriptBlocks: false);
            return new ManifestFile(table);
        }

        /// <summary>Every string constant under the top-level key (a scalar, or an array of them).</summary>
        public IReadOnlyList<string> Strings(string key)
        {
            var value = _table.KeyValuePairs
                .Where(p => p.Item1 is StringConstantExpressionAst k && string.Equals(k.Value, key, StringComparison.OrdinalIgnoreCase))
                .Select(p => p.Item2)
                .SingleOrDefault();
            if (value == null) return Array.Empty<string>();
            return value.FindAll(a => a is StringConstantExpressionAst, searchNestedScriptBlocks: false)
                .Cast<StringConstantExpressionAst>()
                .Select(s => s.Value)
                .ToList();
        }

        public string String(string key) => Strings(key).Single();

        /// <summary>True when the key is present (even as an empty array).</summary>
        public bool Has(string key) => _table.KeyValuePairs.Any(p => p.Item1 is StringConstantExpressionAst k &&
                                                                     string.Equals(k.Value, key, StringComparison.OrdinalIgnoreCase));
    }
}
