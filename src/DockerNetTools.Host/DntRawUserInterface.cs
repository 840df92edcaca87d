using System;
using System.Management.Automation.Host;

namespace DockerNetTools.Host
{
    /// <summary>
    /// Just enough of a raw console for Out-Default: the buffer width (<see cref="TerminalWidth"/>) decides how tables are laid out.
    /// The rest is inert, since dnt writes plain lines and never moves the cursor.
    /// </summary>
    internal sealed class DntRawUserInterface : PSHostRawUserInterface
    {
        private Size _bufferSize;

        public DntRawUserInterface(int width)
        {
            _bufferSize = new Size(width > 0 ? width : TerminalWidth.Default, 9999);
        }

        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override Size BufferSize { get => _bufferSize; set => _bufferSize = value; }
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; } = 25;
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new Size(_bufferSize.Width, 9999);
        public override Size MaxWindowSize => new Size(_bufferSize.Width, 9999);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get => new Size(_bufferSize.Width, 50); set { } }
        public override string WindowTitle { get; set; } = "dnt";

        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException("dnt keeps no screen buffer.");
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("dnt reads whole lines, not keys.");
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
