using DockerNetTools.HelpBuilder;

namespace DockerNetTools.PowerShell.Tests
{
    /// <summary>The help builder's about_ topic layout (src/DockerNetTools.HelpBuilder/AboutTopicWriter).</summary>
    public sealed class AboutTopicWriterTests
    {
        private const string Page =
            "# about_Example\n\n## SHORT DESCRIPTION\nShows `code` in text.\n\n## EXAMPLES\n\n"
            + "```powershell\n# Why can't ubuntuC reach nginx?\nTest-DockerNetReachability -Source ubuntuC -Destination nginx\n"
            + "## not a section either\n\"a`tb\" | Write-Output\n```\n\n"
            + "~~~yaml\n# a YAML comment\nnetworks: []\n~~~\n\nAfter the code.\n";

        [Fact]
        public void Write_CodeBlock_CommentLinesStayCodeNotHeadings()
        {
            var topic = AboutTopicWriter.Write(Page);

            Assert.Equal(
                "TOPIC\n    about_Example\n\nSHORT DESCRIPTION\n    Shows code in text.\n\nEXAMPLES\n\n"
                + "        # Why can't ubuntuC reach nginx?\n        Test-DockerNetReachability -Source ubuntuC -Destination nginx\n"
                + "        ## not a section either\n        \"a`tb\" | Write-Output\n\n"
                + "        # a YAML comment\n        networks: []\n\n    After the code.\n",
                topic);
        }

        [Fact]
        public void Write_LongerFenceInsideCode_OnlyAMatchingFenceClosesTheBlock()
        {
            var topic = AboutTopicWriter.Write("# about_X\n\n````markdown\n```powershell\n# inside\n```\n````\n# about_Y\n");

            Assert.Equal("TOPIC\n    about_X\n\n        ```powershell\n        # inside\n        ```\nTOPIC\n    about_Y\n", topic);
        }
    }
}
