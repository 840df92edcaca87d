using System;
using System.Linq;
using DockerNetTools.Model;

namespace DockerNetTools.Tests.Model
{
    /// <summary>The one socket-state parser that scenario files and Get-DockerNetSocket -State share.</summary>
    public sealed class SocketStatesTests
    {
        [Theory]
        [InlineData("time_wait", SocketState.TimeWait)]
        [InlineData("TIME-WAIT", SocketState.TimeWait)]
        [InlineData("TimeWait", SocketState.TimeWait)]
        [InlineData("estab", SocketState.Established)]
        [InlineData("ESTAB", SocketState.Established)]
        [InlineData("UNCONN", SocketState.Unconnected)]
        [InlineData("syn-recv", SocketState.SynReceived)]
        [InlineData("SynReceived", SocketState.SynReceived)]
        [InlineData("fin-wait-1", SocketState.FinWait1)]
        [InlineData("NewSynReceived", SocketState.NewSynReceived)]
        [InlineData(" listen ", SocketState.Listen)]
        public void TryParse_KernelSsAndViewSpellings(string text, SocketState expected)
        {
            Assert.True(SocketStates.TryParse(text, out var state));
            Assert.Equal(expected, state);
        }

        [Theory]
        [InlineData("waiting")]
        [InlineData("")]
        [InlineData(null)]
        public void TryParse_NotAState_False(string? text) => Assert.False(SocketStates.TryParse(text, out _));

        [Fact]
        public void DisplayNames_AreEveryStateAsTheViewShowsItAndEachParses()
        {
            Assert.Equal(Enum.GetNames<SocketState>().OrderBy(n => n), SocketStates.DisplayNames.OrderBy(n => n));
            Assert.All(SocketStates.DisplayNames, n => Assert.True(SocketStates.TryParse(n, out var s) && s.ToString() == n, n));
        }

        [Fact]
        public void Format_EveryStateReloadsToItself()
        {
            foreach (var state in Enum.GetValues<SocketState>())
            {
                Assert.True(SocketStates.TryParse(SocketStates.Format(state), out var back));
                Assert.Equal(state, back);
            }
        }
    }
}
