using System;
using System.Linq;
using DockerNetTools.Diagnostics;
using DockerNetTools.Model;
using DockerNetTools.Resources;

namespace DockerNetTools.Analysis.Common
{
    /// <summary>Resolves user-typed container and network names with one consistent error for each miss.</summary>
    public static class ContainerLookup
    {
        /// <summary>
        /// The container by name or id; else, when no container has that name, a Compose service's: the container
        /// `docker compose exec` would pick (replica 1, else the lowest), when one project has that service. Several
        /// projects with it are a ContainerAmbiguous (InvalidArgument) error listing their containers; no match at all
        /// is a ContainerNotFound (ObjectNotFound) error naming the close matches.
        /// </summary>
        public static ContainerInfo Require(DockerHostModel model, string nameOrId)
        {
            var container = model.FindContainer(nameOrId) ?? ServiceContainer(model, nameOrId);
            if (container != null) return container;
            throw new DockerNetException(
                ErrorIds.ContainerNotFound,
                ErrorKind.NotFound,
                ErrorText.Format(ErrorMessages.ContainerNotFound, nameOrId, model.Source, NameSuggester.DidYouMean(nameOrId, model.Containers.Select(c => c.Name))),
                nameOrId);
        }

        /// <summary>
        /// The container of the Compose service <paramref name="service"/> (not a `run` one-off), or null when no project
        /// has that service; throws ContainerAmbiguous when several projects do.
        /// </summary>
        public static ContainerInfo? ServiceContainer(DockerHostModel model, string service)
        {
            var candidates = model.Containers
                .Where(c => !c.ComposeOneOff && c.ComposeProject != null && string.Equals(c.ComposeService, service, StringComparison.Ordinal))
                .OrderBy(c => c.ComposeProject, StringComparer.Ordinal)
                .ThenBy(c => c.ComposeNumber == 0 ? int.MaxValue : c.ComposeNumber)
                .ThenBy(c => c.Name, StringComparer.Ordinal)
                .ToList();
            if (candidates.Count == 0) return null;
            var projects = candidates.Select(c => c.ComposeProject!).Distinct(StringComparer.Ordinal).ToList();
            if (projects.Count == 1) return candidates[0];
            var listed = string.Join(", ", projects.Select(p => candidates.First(c => c.ComposeProject == p).Name + " (project " + p + ")"));
            throw new DockerNetException(
                ErrorIds.ContainerAmbiguous,
                ErrorKind.InvalidArgument,
                ErrorText.Format(ErrorMessages.ContainerAmbiguous, service, model.Source, listed),
                service)
            {
                RecommendedAction = ErrorText.Format(ErrorMessages.ContainerAmbiguousAction, candidates[0].Name),
            };
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
