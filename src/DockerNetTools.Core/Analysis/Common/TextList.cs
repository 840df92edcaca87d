using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace DockerNetTools.Analysis.Common
{
    /// <summary>
    /// A read-only list of a result that reads as text: its ToString joins the items' own text. PowerShell's Export-Csv and
    /// ConvertTo-Csv write a property's ToString into the cell, which for a plain list or array is its type name
    /// ("System.Object[]"); with this the cell of Path or Aliases says what it holds, and the pipeline still gets a list.
    /// </summary>
    public sealed class TextList<T> : ReadOnlyCollection<T>
    {
        private readonly string _separator;

        public TextList(IEnumerable<T> items, string separator)
            : base(items as IList<T> ?? (items ?? Enumerable.Empty<T>()).ToList())
        {
            _separator = separator;
        }

        public override string ToString() => string.Join(_separator, this.Select(i => i?.ToString()));
    }
}
