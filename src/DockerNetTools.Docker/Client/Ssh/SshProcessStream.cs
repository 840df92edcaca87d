using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Handler.Abstractions;
using DockerNetTools.Diagnostics;

namespace DockerNetTools.Docker.Client.Ssh
{
    /// <summary>
    /// One connection to the remote daemon: the ssh process's stdin and stdout as one duplex stream. When ssh ends before
    /// the daemon said anything (a refused key, an unreachable host, no docker on the remote), reading or writing throws
    /// the DockerNetException that ssh's own words mean (<see cref="SshErrors"/>), not a bare end of stream.
    /// </summary>
    internal sealed class SshProcessStream : WriteClosableStream
    {
        private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(SshCommand.ConnectTimeoutSeconds + 5);
        private readonly Process _process;
        private readonly SshTransportOptions _options;
        private readonly StringBuilder _stderr = new StringBuilder();
        private readonly Stream _input;
        private readonly Stream _output;
        private bool _answered;
        private bool _disposed;

        private SshProcessStream(Process process, SshTransportOptions options)
        {
            _process = process;
            _options = options;
            _input = process.StandardInput.BaseStream;
            _output = process.StandardOutput.BaseStream;
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data == null) return;
                lock (_stderr) _stderr.AppendLine(e.Data);
            };
            process.BeginErrorReadLine();
        }

        /// <summary>Starts `ssh … docker system dial-stdio`; an ssh client that cannot be started is SshClientMissing.</summary>
        public static SshProcessStream Start(SshTransportOptions options)
        {
            var start = new ProcessStartInfo(options.SshExecutable, SshCommand.ProcessArguments(SshCommand.Arguments(options.Endpoint.Uri)))
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            Process? process;
            try
            {
                process = Process.Start(start);
            }
            catch (Win32Exception exception)
            {
                throw SshErrors.ClientMissing(options.Endpoint, options.SshExecutable, exception);
            }
            if (process == null) throw SshErrors.ClientMissing(options.Endpoint, options.SshExecutable, null);
            return new SshProcessStream(process, options);
        }

        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override bool CanCloseWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read;
            try
            {
                read = _output.Read(buffer, offset, count);
            }
            catch (IOException exception)
            {
                throw Failed(exception);
            }
            return Checked(read);
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            int read;
            try
            {
                read = await _output.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                throw Failed(exception);
            }
            return Checked(read);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                _input.Write(buffer, offset, count);
            }
            catch (IOException exception)
            {
                throw Failed(exception);
            }
        }

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            try
            {
                await _input.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                throw Failed(exception);
            }
        }

        public override void Flush()
        {
            try
            {
                _input.Flush();
            }
            catch (IOException exception)
            {
                throw Failed(exception);
            }
        }

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            try
            {
                await _input.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                throw Failed(exception);
            }
        }

        public override void CloseWrite() => _input.Dispose();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        /// <summary>The end of ssh's output before any answer means ssh (or the remote command) failed: say why.</summary>
        private int Checked(int read)
        {
            if (read > 0)
            {
                _answered = true;
                return read;
            }
            if (_answered) return 0;
            throw Failed(null);
        }

        private DockerNetException Failed(Exception? inner)
        {
            int? exitCode = null;
            try
            {
                if (_process.WaitForExit((int)ExitWait.TotalMilliseconds))
                {
                    _process.WaitForExit(); // drains the stderr reader
                    exitCode = _process.ExitCode;
                }
            }
            catch (InvalidOperationException)
            {
            }
            string stderr;
            lock (_stderr) stderr = _stderr.ToString();
            return SshErrors.Classify(_options.Endpoint, exitCode, stderr, inner);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_disposed)
            {
                _disposed = true;
                try { _input.Dispose(); } catch (IOException) { }
                try
                {
                    // dial-stdio ends when its stdin closes and the daemon hung up; a process still there is ended.
                    if (!_process.WaitForExit(2000)) _process.Kill();
                }
                catch (InvalidOperationException)
                {
                }
                catch (Win32Exception)
                {
                }
                _output.Dispose();
                _process.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
