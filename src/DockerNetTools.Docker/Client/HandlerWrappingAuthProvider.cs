using System;
using System.Net.Http;
using Docker.DotNet.Handler.Abstractions;

namespace DockerNetTools.Docker.Client
{
    /// <summary>
    /// Lets a caller put its own <see cref="DelegatingHandler"/> in front of the transport, whatever the transport is
    /// (unix socket, named pipe, TCP, TLS): Docker.DotNet hands every transport's handler to the auth provider, so this
    /// decorator keeps the real provider's behaviour and wraps what it returns. The benchmark counts API calls with it.
    /// </summary>
    internal sealed class HandlerWrappingAuthProvider : IAuthProvider
    {
        private readonly IAuthProvider _inner;
        private readonly Func<HttpMessageHandler, HttpMessageHandler> _wrap;

        public HandlerWrappingAuthProvider(IAuthProvider inner, Func<HttpMessageHandler, HttpMessageHandler> wrap)
        {
            _inner = inner;
            _wrap = wrap;
        }

        public bool TlsEnabled => _inner.TlsEnabled;

        public HttpMessageHandler ConfigureHandler(HttpMessageHandler handler) => _wrap(_inner.ConfigureHandler(handler));
    }
}
