using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerNetTools.Diagnostics;
using DockerNetTools.Docker.Client;
using DockerNetTools.Docker.Endpoints;
using Xunit;

namespace DockerNetTools.Docker.Tests.Endpoints
{
    /// <summary>
    /// Contexts as the real docker CLI stores them (`docker context create`/`use` into a throwaway DOCKER_CONFIG), and the
    /// CLI's precedence between -DockerHost, -Context, the session, DOCKER_HOST, DOCKER_CONTEXT and currentContext.
    /// </summary>
    public sealed class DockerContextResolutionTests : IDisposable
    {
        private const string SocketA = "unix:///tmp/dnt-ctx-a.sock";
        private const string SocketB = "unix:///tmp/dnt-ctx-b.sock";
        private readonly DockerCliConfig _config = new DockerCliConfig();

        public void Dispose() => _config.Dispose();

        private DockerEndpoint Resolve(EndpointRequest request, Dictionary<string, string>? environment = null) =>
            DockerEndpointResolver.Resolve(request, _config.Environment(environment), false, "/nonexistent-home");

        private void CreateAandB()
        {
            _config.Docker("context", "create", "remote-a", "--description", "lab A", "--docker", "host=" + SocketA);
            _config.Docker("context", "create", "remote-b", "--docker", "host=" + SocketB);
        }

        [DockerCliFact]
        public void ContextId_IsTheFolderTheCliCreated()
        {
            _config.Docker("context", "create", "remote-a", "--docker", "host=" + SocketA);

            var folder = Directory.GetDirectories(Path.Combine(_config.Directory, "contexts", "meta")).Single();

            Assert.Equal(Path.GetFileName(folder), DockerContextStore.ContextId("remote-a"));
        }

        [DockerCliFact]
        public void List_StoredContexts_NamesHostsAndDescription()
        {
            CreateAandB();

            var contexts = new DockerContextStore(_config.Directory).List();

            Assert.Equal(new[] { "remote-a", "remote-b" }, contexts.Select(c => c.Name));
            Assert.Equal(SocketA, contexts[0].Host);
            Assert.Equal("lab A", contexts[0].Description);
            Assert.Null(contexts[1].Description);
            Assert.Equal(new[] { "default", "remote-a", "remote-b" }, new DockerContextStore(_config.Directory).Names());
        }

        [DockerCliFact]
        public void Resolve_ContextParameter_UsesItsDockerEndpoint()
        {
            CreateAandB();

            var endpoint = Resolve(new EndpointRequest { Context = "remote-b" });

            Assert.Equal("/tmp/dnt-ctx-b.sock", endpoint.SocketPath);
            Assert.Equal("remote-b", endpoint.Context);
            Assert.Equal(EndpointSource.Parameter, endpoint.Source);
            Assert.Null(endpoint.Tls);
        }

        [DockerCliFact]
        public void Resolve_ContextParameter_WinsOverDockerHostAndDockerContext()
        {
            CreateAandB();

            var endpoint = Resolve(new EndpointRequest { Context = "remote-a" },
                new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///tmp/env.sock", ["DOCKER_CONTEXT"] = "remote-b" });

            Assert.Equal("/tmp/dnt-ctx-a.sock", endpoint.SocketPath);
        }

        [DockerCliFact]
        public void Resolve_ContextAndDockerHostParameters_AreRefusedLikeTheCli()
        {
            CreateAandB();

            var error = Assert.Throws<DockerNetException>(() => Resolve(new EndpointRequest { Context = "remote-a", DockerHost = SocketB }));

            Assert.Equal(ErrorIds.ContextAndDockerHost, error.ErrorId);
            Assert.Contains("remote-a", error.Message, StringComparison.Ordinal);
        }

        [DockerCliFact]
        public void Resolve_CurrentContextOfTheConfigFile_UsedWhenNothingElseNamesAHost()
        {
            CreateAandB();
            _config.Docker("context", "use", "remote-b");

            var endpoint = Resolve(new EndpointRequest());

            Assert.Equal("/tmp/dnt-ctx-b.sock", endpoint.SocketPath);
            Assert.Equal(EndpointSource.ConfigFile, endpoint.Source);
            Assert.Equal("remote-b", endpoint.Context);
        }

        [DockerCliFact]
        public void Resolve_DockerContextVariable_WinsOverCurrentContext()
        {
            CreateAandB();
            _config.Docker("context", "use", "remote-b");

            var endpoint = Resolve(new EndpointRequest(), new Dictionary<string, string> { ["DOCKER_CONTEXT"] = "remote-a" });

            Assert.Equal("/tmp/dnt-ctx-a.sock", endpoint.SocketPath);
            Assert.Equal(EndpointSource.ContextEnvironment, endpoint.Source);
        }

        [DockerCliFact]
        public void Resolve_DockerHostVariable_WinsOverDockerContextAndCurrentContext()
        {
            CreateAandB();
            _config.Docker("context", "use", "remote-b");

            var endpoint = Resolve(new EndpointRequest(),
                new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///tmp/env.sock", ["DOCKER_CONTEXT"] = "remote-a" });

            Assert.Equal("/tmp/env.sock", endpoint.SocketPath);
            Assert.Equal(EndpointSource.Environment, endpoint.Source);
            Assert.Null(endpoint.Context);
        }

        [DockerCliFact]
        public void Resolve_SessionContext_WinsOverEnvironment_LosesToParameters()
        {
            CreateAandB();
            var environment = new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///tmp/env.sock" };

            Assert.Equal("/tmp/dnt-ctx-a.sock", Resolve(new EndpointRequest { SessionContext = "remote-a" }, environment).SocketPath);
            Assert.Equal("/tmp/p.sock", Resolve(new EndpointRequest { SessionContext = "remote-a", DockerHost = "unix:///tmp/p.sock" }, environment).SocketPath);
            Assert.Equal("/tmp/dnt-ctx-b.sock", Resolve(new EndpointRequest { SessionDockerHost = "unix:///tmp/s.sock", Context = "remote-b" }, environment).SocketPath);
        }

        [DockerCliFact]
        public void Resolve_DefaultContext_IsDockerHostOrThePlatformSocket()
        {
            CreateAandB();
            _config.Docker("context", "use", "remote-b");

            var withHost = Resolve(new EndpointRequest { Context = "default" }, new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///tmp/env.sock" });
            var withoutHost = Resolve(new EndpointRequest { Context = "default" });

            Assert.Equal("/tmp/env.sock", withHost.SocketPath);
            Assert.Equal("default", withHost.Context);
            Assert.Equal(DockerEndpointResolver.UnixDefault, withoutHost.Text);
        }

        [DockerCliFact]
        public void Resolve_UnknownContext_IsContextNotFoundWithTheClosestNames()
        {
            CreateAandB();

            var error = Assert.Throws<DockerNetException>(() => Resolve(new EndpointRequest { Context = "remote-c" }));

            Assert.Equal(ErrorIds.ContextNotFound, error.ErrorId);
            Assert.Equal(ErrorKind.NotFound, error.Kind);
            Assert.Contains("Did you mean: remote-a, remote-b?", error.Message, StringComparison.Ordinal);
            Assert.Equal("remote-c", error.Target);
        }

        [DockerCliFact]
        public void Resolve_CurrentContextThatIsGone_IsContextNotFound()
        {
            CreateAandB();
            _config.Docker("context", "use", "remote-b");
            _config.Docker("context", "rm", "--force", "remote-b");
            // `docker context rm` of the current context resets currentContext; a config edited by hand can still name it.
            File.WriteAllText(Path.Combine(_config.Directory, "config.json"), "{\"currentContext\": \"remote-b\"}");

            var error = Assert.Throws<DockerNetException>(() => Resolve(new EndpointRequest()));

            Assert.Equal(ErrorIds.ContextNotFound, error.ErrorId);
        }

        [DockerCliFact]
        public void Resolve_TlsContext_UsesTheStoredCertificates()
        {
            var certificates = TestCertificates.Write(_config.Directory);
            _config.Docker("context", "create", "remote-tls", "--docker",
                "host=tcp://198.18.65.1:2376,ca=" + certificates + "/ca.pem,cert=" + certificates + "/cert.pem,key=" + certificates + "/key.pem");
            _config.Docker("context", "create", "remote-skip", "--docker",
                "host=tcp://198.18.65.1:2376,ca=" + certificates + "/ca.pem,cert=" + certificates + "/cert.pem,key=" + certificates + "/key.pem,skip-tls-verify=true");

            var verified = Resolve(new EndpointRequest { Context = "remote-tls" }, new Dictionary<string, string> { ["DOCKER_CERT_PATH"] = "/elsewhere" });
            var skipped = Resolve(new EndpointRequest { Context = "remote-skip" });

            Assert.NotNull(verified.Tls);
            Assert.True(verified.Tls!.VerifyServer);
            Assert.Equal(Path.Combine(_config.Directory, "contexts", "tls", DockerContextStore.ContextId("remote-tls"), "docker"), verified.Tls.CertificateDirectory);
            Assert.False(skipped.Tls!.VerifyServer);
            // The stored files load as client credentials (the handshake itself is the daemon tests' business).
            using var client = DockerClientFactory.Create(verified, null);
        }

        [DockerCliFact]
        public void Resolve_BrokenMetaJson_IsContextInvalid()
        {
            CreateAandB();
            File.WriteAllText(Path.Combine(_config.Directory, "contexts", "meta", DockerContextStore.ContextId("remote-a"), "meta.json"), "{\"Name\":");

            var error = Assert.Throws<DockerNetException>(() => Resolve(new EndpointRequest { Context = "remote-a" }));

            Assert.Equal(ErrorIds.ContextInvalid, error.ErrorId);
            Assert.Equal(new[] { "default", "remote-b" }, new DockerContextStore(_config.Directory).Names());
        }
    }
}
