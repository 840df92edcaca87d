using System;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerNetTools.Analysis.Contract;
using DockerNetTools.Backends;
using DockerNetTools.PowerShell.Infrastructure;

namespace DockerNetTools.PowerShell.Commands
{
    /// <summary>
    /// Checks a host against a network contract kept in a file (.psd1, or YAML/JSON): who reaches whom on which port, who
    /// does not, which names resolve, where ports are published and what is exposed outside the host. One result per
    /// expectation, in the file's order, with what was expected, what the analysis found, whether it passed and why.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "DockerNetContract")]
    [OutputType(typeof(ContractResult))]
    public sealed class TestDockerNetContractCommand : DockerNetCmdlet
    {
        #region Parameters

        /// <summary>Contract files: PowerShell data (.psd1), else YAML (JSON is YAML too). Relative to the current location.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        #endregion

        #region Overrides

        protected override ModelParts RequiredParts => ModelParts.All;

        protected override async Task ProcessRecordAsync()
        {
            foreach (var path in Path)
            {
                // The file is read first: a broken contract is reported before the host is read.
                NetworkContract? contract = null;
                if (!TryItem(() => contract = Load(path))) continue;
                var model = await GetModelAsync().ConfigureAwait(true);
                foreach (var result in ContractEvaluator.Evaluate(model, contract!)) WriteResult(result);
            }
        }

        #endregion

        #region Private methods

        private NetworkContract Load(string path)
        {
            var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            var text = ContractReader.ReadText(full);
            return string.Equals(System.IO.Path.GetExtension(full), ".psd1", StringComparison.OrdinalIgnoreCase)
                ? PowerShellDataContract.Parse(text, path)
                : ContractReader.ParseYaml(text, path);
        }

        #endregion
    }
}
