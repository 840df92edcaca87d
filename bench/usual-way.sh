#!/usr/bin/env bash
# The interface map of the benchmark's containers done the usual way, for comparison with Get-DockerNetInterface:
# per container one `docker inspect` (address, MAC), one `docker exec … cat /sys/class/net/eth0/iflink` (the host
# veth's ifindex, as seen from inside), then on the host the veth whose ifindex that is, and the bridge it hangs on.
#
#   bench/usual-way.sh [name-prefix]        prints one line per container: name eth0 ip mac iflink veth bridge
#   hyperfine --warmup 1 --runs 5 'bench/usual-way.sh >/dev/null'
#
# Needs the fleet of the benchmark (dotnet run -c Release --project bench/DockerNetTools.Benchmarks -- --keep --audit-only)
# and DOCKER_HOST pointing at the test daemon (eval "$(.ci/docker-test-daemon.sh env)"). Run as root on the Docker host.
set -euo pipefail
prefix="${1:-dntbench-}"

containers="$(docker ps --filter "name=^${prefix}" --format '{{.Names}}' | sort)"
[ -n "$containers" ] || { echo "usual-way.sh: no running container named ${prefix}*" >&2; exit 1; }

for c in $containers; do
  read -r ip mac < <(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{.MacAddress}}{{end}}' "$c")
  iflink="$(docker exec "$c" cat /sys/class/net/eth0/iflink)"
  veth="$(grep -lx "$iflink" /sys/class/net/*/ifindex | cut -d/ -f5)"
  bridge="$(basename "$(readlink "/sys/class/net/$veth/master")")"
  printf '%s eth0 %s %s %s %s %s\n' "$c" "$ip" "$mac" "$iflink" "$veth" "$bridge"
done
