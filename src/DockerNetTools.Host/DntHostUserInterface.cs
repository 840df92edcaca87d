using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace DockerNetTools.Host
{
    /// <summary>
    /// Plain-text UI: output and host writes to stdout, errors and warnings to stderr, no colours, no progress bars.
    /// Prompts read a line from stdin so a script that asks a question still works.
    /// </summary>
    internal sealed class DntHostUserInterface : PSHostUserInterface
    {
        private readonly TextWriter _output;
        private readonly TextWriter _error;
        private readonly TextReader _input;
        private readonly DntRawUserInterface _raw;

        public DntHostUserInterface(TextWriter output, TextWriter error, TextReader input, DntRawUserInterface raw)
        {
            _output = output;
            _error = error;
            _input = input;
            _raw = raw;
        }

        public override PSHostRawUserInterface RawUI => _raw;

        /// <summary>dnt passes escape sequences through untouched; whether any are written is decided by PSStyle.OutputRendering.</summary>
        public override bool SupportsVirtualTerminal => true;

        // GetOutputString applies PSStyle.OutputRendering: with PlainText it strips the ANSI styling of table headers.
        public override void Write(string value) => _output.Write(Render(value));
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => _output.Write(Render(value));
        public override void WriteLine(string value) => _output.WriteLine(Render(value));
        public override void WriteErrorLine(string value) => _error.WriteLine(Render(value));
        public override void WriteWarningLine(string message) => _error.WriteLine("WARNING: " + Render(message));
        public override void WriteVerboseLine(string message) => _error.WriteLine("VERBOSE: " + Render(message));
        public override void WriteDebugLine(string message) => _error.WriteLine("DEBUG: " + Render(message));

        // Progress bars need a real console; a line per update would drown the output.
        public override void WriteProgress(long sourceId, ProgressRecord record) { }

        private static string Render(string value) => GetOutputString(value, supportsVirtualTerminal: true);

        public override string ReadLine() => _input.ReadLine() ?? string.Empty;

        public override SecureString ReadLineAsSecureString()
        {
            var secure = new SecureString();
            foreach (var c in ReadLine()) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            if (!string.IsNullOrEmpty(caption)) WriteLine(caption);
            if (!string.IsNullOrEmpty(message)) WriteLine(message);
            var answers = new Dictionary<string, PSObject>();
            foreach (var field in descriptions)
            {
                Write(field.Name + ": ");
                answers[field.Name] = PSObject.AsPSObject(ReadLine());
            }
            return answers;
        }

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            if (!string.IsNullOrEmpty(caption)) WriteLine(caption);
            if (!string.IsNullOrEmpty(message)) WriteLine(message);
            for (var i = 0; i < choices.Count; i++) WriteLine("[" + i + "] " + choices[i].Label.Replace("&", string.Empty));
            Write("Choice [" + defaultChoice + "]: ");
            return int.TryParse(ReadLine(), out var chosen) && chosen >= 0 && chosen < choices.Count ? chosen : defaultChoice;
        }

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            PromptForCredential(caption, message, userName, targetName, PSCredentialTypes.Default, PSCredentialUIOptions.Default);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
        {
            if (!string.IsNullOrEmpty(message)) WriteLine(message);
            if (string.IsNullOrEmpty(userName))
            {
                Write("User: ");
                userName = ReadLine();
            }
            Write("Password for " + userName + ": ");
            return new PSCredential(userName, ReadLineAsSecureString());
        }
    }
}
