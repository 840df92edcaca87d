namespace DockerNetTools.Diagnostics
{
    /// <summary>
    /// Every error id the module raises, in one place: the first part of an ErrorRecord's FullyQualifiedErrorId, stable
    /// across versions (scripts catch on them). Throw sites name these constants, never a literal, and the error table of
    /// docs/about_DockerNetTools.md lists exactly this set (ErrorCatalogueTests checks both).
    /// </summary>
    public static class ErrorIds
    {
        // Names typed by the user

        /// <summary>No container has that name or id.</summary>
        public const string ContainerNotFound = "ContainerNotFound";

        /// <summary>A Compose service name given for a container, and several projects have that service.</summary>
        public const string ContainerAmbiguous = "ContainerAmbiguous";

        /// <summary>No network has that name or id.</summary>
        public const string NetworkNotFound = "NetworkNotFound";

        /// <summary>The container asked about is not running, so it has no network namespace.</summary>
        public const string ContainerNotRunning = "ContainerNotRunning";

        /// <summary>A name to resolve that no resolver would look up (empty, blanks, empty labels).</summary>
        public const string NameInvalid = "NameInvalid";

        /// <summary>The name does not resolve from that container.</summary>
        public const string NameNotResolved = "NameNotResolved";

        // Scenarios

        /// <summary>Neither a built-in scenario nor an existing file.</summary>
        public const string ScenarioNotFound = "ScenarioNotFound";

        /// <summary>The scenario file exists but cannot be read (permissions, a folder, an I/O error).</summary>
        public const string ScenarioFileUnreadable = "ScenarioFileUnreadable";

        /// <summary>The scenario file is wrong; every mistake as file:line:column: reason.</summary>
        public const string ScenarioFileInvalid = "ScenarioFileInvalid";

        /// <summary>-Scenario and -DockerHost both typed on one command.</summary>
        public const string ScenarioAndDockerHost = "ScenarioAndDockerHost";

        /// <summary>A piped DockerNetTools result names nothing the cmdlet can use (the cmdlet layer's PipedName); anything piped into Export-DockerNetScenario.</summary>
        public const string PipelineInputNotSupported = "PipelineInputNotSupported";

        /// <summary>Export-DockerNetScenario -NoClobber and the file exists.</summary>
        public const string ScenarioFileExists = "ScenarioFileExists";

        /// <summary>Export-DockerNetScenario onto a read-only file without -Force.</summary>
        public const string ScenarioFileReadOnly = "ScenarioFileReadOnly";

        /// <summary>Export-DockerNetScenario -Path in a folder that does not exist.</summary>
        public const string ScenarioDirectoryNotFound = "ScenarioDirectoryNotFound";

        /// <summary>Export-DockerNetScenario -Path names a folder, not a file.</summary>
        public const string ScenarioPathIsDirectory = "ScenarioPathIsDirectory";

        /// <summary>Export-DockerNetScenario of several hosts to a -Path that is not an existing folder.</summary>
        public const string ScenarioFolderRequired = "ScenarioFolderRequired";

        /// <summary>Export-DockerNetScenario of several hosts whose names give the same file name.</summary>
        public const string ScenarioFileNameClash = "ScenarioFileNameClash";

        /// <summary>Export-DockerNetScenario could not write the file (permissions, a full disk).</summary>
        public const string ScenarioFileWriteFailed = "ScenarioFileWriteFailed";

        // Network contracts (Test-DockerNetContract -Path)

        /// <summary>The contract file does not exist.</summary>
        public const string ContractFileNotFound = "ContractFileNotFound";

        /// <summary>The contract file exists but cannot be read (permissions, a folder, an I/O error).</summary>
        public const string ContractFileUnreadable = "ContractFileUnreadable";

        /// <summary>The contract file is wrong; every mistake as file:line:column: reason.</summary>
        public const string ContractFileInvalid = "ContractFileInvalid";

        // Compose files (-ComposeFile)

        /// <summary>A -ComposeFile path does not exist, or a folder holds no compose file.</summary>
        public const string ComposeFileNotFound = "ComposeFileNotFound";

        /// <summary>A compose file exists but cannot be read.</summary>
        public const string ComposeFileUnreadable = "ComposeFileUnreadable";

        /// <summary>The compose project is wrong, or Compose or Docker would refuse it; every mistake as file:line:column: reason.</summary>
        public const string ComposeFileInvalid = "ComposeFileInvalid";

        /// <summary>-ProjectName is not a valid compose project name.</summary>
        public const string ComposeProjectNameInvalid = "ComposeProjectNameInvalid";

        /// <summary>-ProjectName or -Profile without -ComposeFile.</summary>
        public const string ComposeFileMissing = "ComposeFileMissing";

        // Reachability questions

        /// <summary>Test-DockerNetReachability without a source container.</summary>
        public const string ReachabilitySourceMissing = "ReachabilitySourceMissing";

        /// <summary>Test-DockerNetReachability without a destination.</summary>
        public const string ReachabilityDestinationMissing = "ReachabilityDestinationMissing";

        /// <summary>A -Destination that is neither an address nor a possible name.</summary>
        public const string ReachabilityDestinationInvalid = "ReachabilityDestinationInvalid";

        /// <summary>A -Port outside 1-65535.</summary>
        public const string ReachabilityPortInvalid = "ReachabilityPortInvalid";

        /// <summary>-Protocol Icmp with a -Port.</summary>
        public const string ReachabilityPortWithIcmp = "ReachabilityPortWithIcmp";

        /// <summary>-Protocol Tcp or Udp without a -Port.</summary>
        public const string ReachabilityPortMissing = "ReachabilityPortMissing";

        // Ports

        /// <summary>A -Publish that docker run -p would refuse.</summary>
        public const string PublishSpecInvalid = "PublishSpecInvalid";

        // Probes

        /// <summary>-Probe with a scenario, which has no traffic to probe.</summary>
        public const string ProbeRequiresLiveDaemon = "ProbeRequiresLiveDaemon";

        /// <summary>A probe would send traffic to something outside the diagnosed host.</summary>
        public const string ProbeTargetOutsideHost = "ProbeTargetOutsideHost";

        /// <summary>-ProbeImage names an image the Docker host does not have (nothing is pulled).</summary>
        public const string ProbeImageNotFound = "ProbeImageNotFound";

        // The live daemon

        /// <summary>No daemon answers at the endpoint.</summary>
        public const string DaemonUnreachable = "DaemonUnreachable";

        /// <summary>The daemon's socket refuses the current user.</summary>
        public const string DaemonPermissionDenied = "DaemonPermissionDenied";

        /// <summary>The TLS handshake with the daemon failed (certificates, DOCKER_CERT_PATH).</summary>
        public const string DaemonTlsFailed = "DaemonTlsFailed";

        /// <summary>The daemon answered with an error or something unreadable.</summary>
        public const string DaemonApiError = "DaemonApiError";

        /// <summary>The daemon only speaks Engine API versions newer than this module knows.</summary>
        public const string DaemonApiVersionUnsupported = "DaemonApiVersionUnsupported";

        /// <summary>A -DockerHost, DOCKER_HOST or context endpoint that is not a valid address.</summary>
        public const string DaemonEndpointInvalid = "DaemonEndpointInvalid";

        /// <summary>An endpoint the module cannot open itself (ssh://).</summary>
        public const string DaemonEndpointUnsupported = "DaemonEndpointUnsupported";

        /// <summary>-Context, Connect-DockerNet -Context, DOCKER_CONTEXT or currentContext names a docker context that is not stored.</summary>
        public const string ContextNotFound = "ContextNotFound";

        /// <summary>A docker context's meta.json (or the docker config file) cannot be read or is not what the CLI writes.</summary>
        public const string ContextInvalid = "ContextInvalid";

        /// <summary>-Context and -DockerHost on one command (the CLI's "cannot specify both --host and --context").</summary>
        public const string ContextAndDockerHost = "ContextAndDockerHost";

        /// <summary>Several hosts named on a command that answers about one (or with -ComposeFile, which takes one base host).</summary>
        public const string ManyHostsNotSupported = "ManyHostsNotSupported";

        /// <summary>ssh refused the login to an ssh:// endpoint (key not accepted, host key unknown or changed; BatchMode allows no prompt).</summary>
        public const string SshAuthenticationFailed = "SshAuthenticationFailed";

        /// <summary>ssh could not reach the host of an ssh:// endpoint (name, refused, timed out, no route).</summary>
        public const string SshHostUnreachable = "SshHostUnreachable";

        /// <summary>The host of an ssh:// endpoint has no docker CLI to run `docker system dial-stdio`.</summary>
        public const string SshDockerMissing = "SshDockerMissing";

        /// <summary>No ssh client on this machine to open an ssh:// endpoint.</summary>
        public const string SshClientMissing = "SshClientMissing";

        // Diagrams (ConvertTo-DockerNetDiagram)

        /// <summary>-Path .svg or .png needs Graphviz's dot, and none is on PATH.</summary>
        public const string GraphvizNotFound = "GraphvizNotFound";

        /// <summary>Graphviz's dot failed on the diagram (exited with an error, or did not finish in time).</summary>
        public const string GraphvizFailed = "GraphvizFailed";

        /// <summary>-Format names another language than the -Path extension (-Format Mermaid with .svg, .png or .dot; Dot with .mmd).</summary>
        public const string DiagramFormatConflict = "DiagramFormatConflict";

        /// <summary>ConvertTo-DockerNetDiagram could not write its -Path (no such folder, no permission, a full disk).</summary>
        public const string DiagramFileWriteFailed = "DiagramFileWriteFailed";
    }
}
