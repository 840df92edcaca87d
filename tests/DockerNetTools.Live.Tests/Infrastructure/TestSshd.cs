using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace DockerNetTools.Live.Tests.Infrastructure
{
    /// <summary>
    /// A real OpenSSH server for the ssh:// tests, of its own: Debian's /usr/sbin/sshd started here as root with an
    /// sshd_config of its own (never the system's service), on 127.0.0.1 and a free high port, with its own host key and
    /// authorized_keys holding throwaway keys. The accepted key's line sets DOCKER_HOST to the test daemon
    /// (PermitUserEnvironment), so the remote `docker system dial-stdio` talks to it; a second key's line empties PATH (a
    /// host without docker). The client side is the machine's ssh, reached through a `ssh` wrapper first on PATH that only
    /// adds `-F` with this server's client config (keys, known_hosts, Host aliases). Stopped and removed on Dispose.
    /// </summary>
    public sealed class TestSshd : IDisposable
    {
        private const string Sshd = "/usr/sbin/sshd";
        private readonly Process? _server;
        private readonly string? _previousPath;

        public TestSshd()
        {
            Problem = FindProblem();
            Directory = Path.Combine(Path.GetTempPath(), "dnt-sshd-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            if (Problem != null) return;
            System.IO.Directory.CreateDirectory(Directory);
            foreach (var key in new[] { "host_key", "client_key", "nodocker_key", "stranger_key" })
                Run("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "dnt-test", "-f", Path.Combine(Directory, key));
            Port = FreePort();
            File.WriteAllText(Path.Combine(Directory, "authorized_keys"),
                "environment=\"DOCKER_HOST=" + LiveDaemon.Endpoint + "\" " + Read("client_key.pub") +
                "environment=\"PATH=/nonexistent\" " + Read("nodocker_key.pub"));
            File.WriteAllText(Path.Combine(Directory, "sshd_config"), string.Join("\n",
                "Port " + Port, "ListenAddress 127.0.0.1", "HostKey " + Path.Combine(Directory, "host_key"),
                "AuthorizedKeysFile " + Path.Combine(Directory, "authorized_keys"), "PidFile " + Path.Combine(Directory, "sshd.pid"),
                "PermitRootLogin prohibit-password", "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no",
                "StrictModes no", "PermitUserEnvironment yes", "") );
            File.WriteAllText(Path.Combine(Directory, "known_hosts"), "[127.0.0.1]:" + Port + " " + Read("host_key.pub"));
            File.WriteAllText(Path.Combine(Directory, "ssh_config"), string.Join("\n",
                "Host dnt-nodocker", "  HostName 127.0.0.1", "  IdentityFile " + Path.Combine(Directory, "nodocker_key"),
                "Host dnt-stranger", "  HostName 127.0.0.1", "  IdentityFile " + Path.Combine(Directory, "stranger_key"),
                "Host 127.0.0.1", "  IdentityFile " + Path.Combine(Directory, "client_key"),
                "Host *", "  IdentitiesOnly yes", "  UserKnownHostsFile " + Path.Combine(Directory, "known_hosts"),
                "  StrictHostKeyChecking yes", "  LogLevel ERROR", ""));
            var bin = Path.Combine(Directory, "bin");
            System.IO.Directory.CreateDirectory(bin);
            var wrapper = Path.Combine(bin, "ssh");
            File.WriteAllText(wrapper, "#!/bin/sh\nexec /usr/bin/ssh -F '" + Path.Combine(Directory, "ssh_config") + "' \"$@\"\n");
            Run("/bin/chmod", "700", wrapper);
            System.IO.Directory.CreateDirectory("/run/sshd"); // sshd's privilege separation folder

            var start = new ProcessStartInfo(Sshd) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[] { "-D", "-e", "-f", Path.Combine(Directory, "sshd_config") }) start.ArgumentList.Add(argument);
            _server = Process.Start(start)!;
            _server.ErrorDataReceived += (_, _) => { };
            _server.BeginErrorReadLine();
            _server.OutputDataReceived += (_, _) => { };
            _server.BeginOutputReadLine();
            if (!WaitForPort()) throw new InvalidOperationException("the test sshd did not listen on 127.0.0.1:" + Port);
            _previousPath = Environment.GetEnvironmentVariable("PATH");
            Environment.SetEnvironmentVariable("PATH", bin + ":" + _previousPath);
        }

        /// <summary>Null when the server runs; else why it cannot (not root, no sshd).</summary>
        public string? Problem { get; }

        public string Directory { get; }

        public int Port { get; }

        /// <summary>ssh://root@127.0.0.1:port, or with a Host alias of the client config (dnt-nodocker, dnt-stranger).</summary>
        public string Endpoint(string host = "127.0.0.1") => "ssh://root@" + host + ":" + Port;

        private static string? FindProblem()
        {
            if (!File.Exists(Sshd)) return "no " + Sshd + " (apt-get install openssh-server)";
            if (!File.Exists("/usr/bin/ssh")) return "no /usr/bin/ssh (apt-get install openssh-client)";
            if (Environment.UserName != "root") return "the test sshd runs as root";
            return LiveDaemon.Problem;
        }

        private string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));

        private static void Run(string file, params string[] arguments)
        {
            var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            if (!process.WaitForExit(30000) || process.ExitCode != 0)
                throw new InvalidOperationException(file + " failed: " + process.StandardError.ReadToEnd());
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private bool WaitForPort()
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                try
                {
                    using var client = new TcpClient();
                    client.Connect(IPAddress.Loopback, Port);
                    return true;
                }
                catch (SocketException)
                {
                    if (_server!.HasExited) return false;
                    Thread.Sleep(200);
                }
            }
            return false;
        }

        public void Dispose()
        {
            if (_previousPath != null) Environment.SetEnvironmentVariable("PATH", _previousPath);
            if (_server != null)
            {
                try
                {
                    if (!_server.HasExited)
                    {
                        _server.Kill(entireProcessTree: true);
                        _server.WaitForExit(5000);
                    }
                }
                catch (InvalidOperationException)
                {
                }
                _server.Dispose();
            }
            try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
        }
    }
}
