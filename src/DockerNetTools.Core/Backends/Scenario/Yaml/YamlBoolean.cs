namespace DockerNetTools.Backends.Scenario.Yaml
{
    /// <summary>The spellings of a YAML boolean that scenario files and compose files both accept (YAML 1.1: yes/no, on/off).</summary>
    internal static class YamlBoolean
    {
        public static bool? Parse(string? text)
        {
            switch (text?.ToLowerInvariant())
            {
                case "true":
                case "yes":
                case "on":
                    return true;
                case "false":
                case "no":
                case "off":
                    return false;
                default:
                    return null;
            }
        }
    }
}
