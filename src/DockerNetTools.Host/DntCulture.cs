using System.Globalization;

namespace DockerNetTools.Host
{
    /// <summary>
    /// The culture dnt runs pipelines in: the invariant culture's formats (dnt is built with InvariantGlobalization, so output
    /// does not depend on the machine's locale), with English as its language. PowerShell's formatter wraps a table cell or a
    /// list value at word boundaries only when the current culture's language is English, French, German, Italian,
    /// Portuguese or Spanish (StringManipulationHelper.GenerateLines); for the invariant culture it cuts every
    /// <c>&lt;Wrap/&gt;</c> column by character ("traffic be / tween"). dnt speaks English, so it says so.
    /// </summary>
    internal sealed class DntCulture : CultureInfo
    {
        public static readonly DntCulture Instance = new DntCulture();

        private DntCulture()
            : base(string.Empty)
        {
        }

        public override string TwoLetterISOLanguageName => "en";
    }
}
