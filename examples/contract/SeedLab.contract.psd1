# The SeedLab's network contract: what its users rely on, kept next to the code and checked in Pester
# (Contract.Tests.ps1). Test-DockerNetContract -Scenario SeedLab -Path ./SeedLab.contract.psd1
@{
    Expectations = @(
        # The Node.js app talks to MySQL by its container name and by its alias on bridgetest.
        @{ From = 'nodectn'; Reaches = 'gifted_hodgkin'; Port = 3306 }
        @{ From = 'nodectn'; Reaches = 'sqll'; Port = 3306 }
        # Different bridge networks stay apart (DOCKER-ISOLATION).
        @{ From = 'ubuntuC'; NotReaches = 'ubuntuA' }
        # Names: the embedded DNS of a user-defined network, and none on the default bridge.
        @{ From = 'nodectn'; Resolves = 'rediss' }
        @{ From = 'ubuntuA'; NotResolves = 'ubuntuB' }
        # Published ports.
        @{ Published = 8001 }
        @{ ExposedOnly = 80, 3306, 6379, 8001, 8002, 8003, 8004, 8080, 8081, 8082 }
    )
}
