using System.Globalization;
using System.Management.Automation;
using DockerNetTools.PowerShell.Infrastructure;
using DockerNetTools.PowerShell.Resources;

namespace DockerNetTools.PowerShell.Commands
{
    /// <summary>Clears the session default that Connect-DockerNet set.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "DockerNet")]
    public sealed class DisconnectDockerNetCommand : PSCmdlet
    {
        #region Overrides

        protected override void EndProcessing()
        {
            var previous = SessionDefaults.Scenario ?? SessionDefaults.DockerHost;
            SessionDefaults.Clear();
            WriteVerbose(previous == null ? Messages.NotConnected : string.Format(CultureInfo.CurrentCulture, Messages.Disconnected, previous));
        }

        #endregion
    }
}
