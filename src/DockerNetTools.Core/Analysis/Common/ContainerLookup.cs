using System.Linq;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;
using DockerNetTools.Resources;

namespace DockerNetTools.Analysis.Common
{
    /// <summary>Resolves user-typed container and network names with one consistent error for each miss.</summary>
    public static class ContainerLookup
    {
        /// <summary>The container, or a ContainerNotFound (ObjectNotFound) error naming the close matches.</summary>
        public static ContainerInfo Require(DockerHostModel model, string nameOrId)
        {
            var container = model.FindContainer(nameOrId);
            if (container != null) return container;
            throw new DockerNetException(
                ErrorIds.ContainerNotFound,
                ErrorKind.NotFound,
                ErrorText.Format(ErrorMessages.ContainerNotFound, nameOrId, model.Source, NameSuggester.DidYouMean(nameOrId, model.Containers.Select(c => c.Name))),
                nameOrId);
        }

        /// <summary>The network, or a NetworkNotFound (ObjectNotFound) error naming the close matches.</summary>
        public static NetworkInfo RequireNetwork(DockerHostModel model, string nameOrId)
        {
            var network = model.FindNetwork(nameOrId);
            if (network != null) return network;
            throw new DockerNetException(
                ErrorIds.NetworkNotFound,
                ErrorKind.NotFound,
                ErrorText.Format(ErrorMessages.NetworkNotFound, nameOrId, model.Source, NameSuggester.DidYouMean(nameOrId, model.Networks.Select(n => n.Name))),
                nameOrId);
        }
    }
}
