#!/usr/bin/env bash
# A private Docker daemon for DockerNetTools' live tests (and for a developer to try the module on).
#
#   .ci/docker-test-daemon.sh start   install docker.io + busybox-static (+ dnsmasq-base for the egress tests) if missing, start dockerd, build dnt-busybox:latest
#   .ci/docker-test-daemon.sh env     print `export DOCKER_HOST=...` for this daemon (eval "$(... env)")
#   .ci/docker-test-daemon.sh status  exit 0 when the daemon answers
#   .ci/docker-test-daemon.sh stop    remove its containers and networks, stop dockerd, drop the firewall rule
#   .ci/docker-test-daemon.sh purge   stop, then delete its data root
#   .ci/docker-test-daemon.sh compose      fetch Compose 2.40 (Debian unstable's docker-compose) under $DNT_COMPOSE_DIR
#   .ci/docker-test-daemon.sh compose-env  print `export DNT_COMPOSE=...` (the binary the compose live tests run)
#   .ci/docker-test-daemon.sh swarm start [N]  a swarm of N (default 2) dockerd nodes, each in its own network namespace
#                                              (Engine 20.10; DNT_ENGINE=28: Engine 28.5's binaries, below)
#   .ci/docker-test-daemon.sh swarm env        print `export DNT_SWARM_HOSTS=...` (one DOCKER_HOST per node, manager first)
#   .ci/docker-test-daemon.sh swarm stop       leave the swarm, stop every node's dockerd, delete the namespaces and roots
#
# Everything lives under $DNT_DOCKER_DIR (default /tmp/dnt-docker): socket, data root, exec root, pid file, log.
# It never touches a system daemon at /var/run/docker.sock. Needs root (dockerd does).
#
# DNT_ENGINE=28 gives Engine 28.5 instead of Debian 12's 20.10: Debian unstable's docker.io and containerd packages,
# fetched with apt-get against a private sources list and lists folder (the machine's apt sources are not touched),
# unpacked with dpkg-deb -x under $DNT_DOCKER_DIR/engine (default /tmp/dnt-docker28), and run with Debian 12's runc
# (unstable's needs glibc 2.38). That daemon runs in a network namespace of its own (dnt-e28, only lo), so it has its
# own docker0 and iptables chains and both engines can run at once; run the live tests for it inside that namespace:
#   ip netns exec dnt-e28 env DOCKER_HOST=... dotnet test tests/DockerNetTools.Live.Tests
# (`ip netns exec` remounts /sys for the namespace, so the module reads that namespace's interfaces; dockerd itself
# is started with nsenter --net, which keeps the host's cgroup mounts that runc needs).
# Traffic stays on this machine: --dns 127.0.0.1 keeps the embedded DNS from forwarding outside, and a DOCKER-USER
# rule (IPv4) and an ip6tables FORWARD rule (IPv6) drop anything a container would send out of the uplink.
set -euo pipefail

ENGINE="${DNT_ENGINE:-20.10}"
# The swarm mode runs the engine DNT_ENGINE names (20.10 by default) on roots and namespaces of its own; of the settings
# below it uses only ENGINE_ROOT (where Engine 28.5 is unpacked), never the single daemon's socket or namespace.
case "$ENGINE" in
  20.10) DIR="${DNT_DOCKER_DIR:-/tmp/dnt-docker}"; NETNS="" ;;
  28) DIR="${DNT_DOCKER_DIR:-/tmp/dnt-docker28}"; NETNS="dnt-e28" ;;
  *) echo "docker-test-daemon: DNT_ENGINE must be 20.10 or 28, not '$ENGINE'" >&2; exit 2 ;;
esac
ENGINE_ROOT="$DIR/engine"
SOCK="$DIR/docker.sock"
PIDFILE="$DIR/dockerd.pid"
LOG="$DIR/dockerd.log"
IMAGE="dnt-busybox:latest"
export DOCKER_HOST="unix://$SOCK"

log() { printf 'docker-test-daemon: %s\n' "$*" >&2; }

need_root() {
  if [ "$(id -u)" != 0 ]; then log "must run as root (dockerd needs it)"; exit 1; fi
}

install_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  [ -x /bin/busybox ] || [ -x /usr/bin/busybox ] || missing+=(busybox-static)
  command -v ip >/dev/null 2>&1 || missing+=(iproute2)
  command -v iptables >/dev/null 2>&1 || missing+=(iptables)
  # nft: the probe test's bridge-family table (a rule the model does not read), and nftables-only hosts' rules.
  command -v nft >/dev/null 2>&1 || missing+=(nftables)
  # The live egress tests' DNS server in their outside namespace (dnsmasq-base: the binary, no service started).
  [ -x /usr/sbin/dnsmasq ] || missing+=(dnsmasq-base)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

busybox_path() {
  # busybox-static installs /bin/busybox; prefer a static build so the image needs no libc.
  for b in /bin/busybox /usr/bin/busybox; do [ -x "$b" ] && { echo "$b"; return; }; done
  log "busybox not found"; exit 1
}

answers() { docker version >/dev/null 2>&1; }

# Runs a command in the daemon's network namespace (the host's for 20.10).
in_netns() { if [ -n "$NETNS" ]; then nsenter --net="/var/run/netns/$NETNS" "$@"; else "$@"; fi; }

uplink() { in_netns ip -o "$@" route show default 2>/dev/null | awk '{for(i=1;i<=NF;i++) if($i=="dev"){print $(i+1); exit}}'; }

# Debian unstable packages fetched with apt-get against a private sources list and lists folder (the machine's apt
# sources stay as they are) and unpacked with dpkg-deb -x into $1 (replaced as a whole, so a half fetch never stays).
# $2 is the work folder for the private lists; the remaining arguments are the package names.
fetch_unstable() {
  local root="$1" apt="$2"; shift 2
  mkdir -p "$apt/lists/partial" "$apt/archives/partial" "$apt/debs"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian sid main" > "$apt/sources.list"
  local opts=(-q -o "Dir::Etc::sourcelist=$apt/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$apt/lists"
              -o "Dir::Cache::archives=$apt/archives" -o APT::Sandbox::User=root)
  log "fetching $* from Debian unstable (private lists under $apt)"
  apt-get "${opts[@]}" update >/dev/null
  (cd "$apt/debs" && apt-get "${opts[@]}" download "$@" >/dev/null)
  rm -rf "$root.tmp"; mkdir -p "$root.tmp"
  for deb in "$apt/debs"/*.deb; do dpkg-deb -x "$deb" "$root.tmp"; done
  rm -rf "$root"; mv "$root.tmp" "$root"
  rm -rf "$apt"
}

# Engine 28.5 from Debian unstable, unpacked under $ENGINE_ROOT (kept between runs; `purge` removes it).
fetch_engine28() {
  if [ -x "$ENGINE_ROOT/usr/sbin/dockerd" ]; then return; fi
  command -v runc >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends runc >/dev/null; }
  fetch_unstable "$ENGINE_ROOT" "$DIR/apt" docker.io containerd
  # Unstable's runc needs glibc 2.38: leave it out so dockerd finds Debian 12's on PATH.
  rm -f "$ENGINE_ROOT/usr/sbin/runc" "$ENGINE_ROOT/usr/bin/runc"
}

# Compose 2.40 (Debian unstable's docker-compose, a static binary), unpacked under $COMPOSE_DIR, never installed:
# the compose live tests run it from $DNT_COMPOSE (see `compose-env`).
COMPOSE_DIR="${DNT_COMPOSE_DIR:-/tmp/dnt-compose}"
COMPOSE_BIN="$COMPOSE_DIR/root/usr/libexec/docker/cli-plugins/docker-compose"
fetch_compose() {
  if [ -x "$COMPOSE_BIN" ]; then return; fi
  need_root
  fetch_unstable "$COMPOSE_DIR/root" "$COMPOSE_DIR/apt" docker-compose
  "$COMPOSE_BIN" version >&2
}

make_netns() {
  [ -n "$NETNS" ] || return 0
  if [ ! -e "/var/run/netns/$NETNS" ]; then
    ip netns add "$NETNS"
    ip -n "$NETNS" link set lo up
  fi
}

remove_netns() {
  [ -n "$NETNS" ] || return 0
  if [ -e "/var/run/netns/$NETNS" ]; then ip netns del "$NETNS" || log "could not delete network namespace $NETNS"; fi
}

add_uplink_drop() {
  local dev dev6; dev="$(uplink)"; dev6="$(uplink -6)"
  if [ -n "$dev" ]; then
    # DOCKER-USER is created by dockerd; the rule keeps every container packet from leaving through the uplink.
    if ! in_netns iptables -C DOCKER-USER -o "$dev" -j DROP 2>/dev/null; then
      in_netns iptables -I DOCKER-USER -o "$dev" -j DROP
    fi
    echo "$dev" > "$DIR/uplink"
  else
    log "no IPv4 default route: no IPv4 uplink rule needed"
  fi
  # Docker 20.10 programs no ip6tables rules (no DOCKER-USER there) but turns IPv6 forwarding on for --ipv6 networks,
  # which the live tests create: drop what containers would forward out of the IPv6 uplink in FORWARD itself.
  if [ -n "$dev6" ] && command -v ip6tables >/dev/null 2>&1; then
    if ! in_netns ip6tables -C FORWARD -o "$dev6" -j DROP 2>/dev/null; then
      in_netns ip6tables -I FORWARD -o "$dev6" -j DROP
    fi
    echo "$dev6" > "$DIR/uplink6"
  fi
}

remove_uplink_drop() {
  if [ -f "$DIR/uplink" ]; then
    local dev; dev="$(cat "$DIR/uplink")"
    while in_netns iptables -D DOCKER-USER -o "$dev" -j DROP 2>/dev/null; do :; done
    rm -f "$DIR/uplink"
  fi
  if [ -f "$DIR/uplink6" ]; then
    local dev6; dev6="$(cat "$DIR/uplink6")"
    while in_netns ip6tables -D FORWARD -o "$dev6" -j DROP 2>/dev/null; do :; done
    rm -f "$DIR/uplink6"
  fi
}

build_image() {
  if docker image inspect "$IMAGE" >/dev/null 2>&1; then return; fi
  local rootfs="$DIR/rootfs" bb
  bb="$(busybox_path)"
  rm -rf "$rootfs"
  mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp" "$rootfs/www" "$rootfs/proc" "$rootfs/sys" "$rootfs/dev"
  cp "$bb" "$rootfs/bin/busybox"
  # Relative applet links (busybox --install would point them at this host's path).
  for applet in $("$bb" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
  done
  echo 'root:x:0:0:root:/:/bin/sh' > "$rootfs/etc/passwd"
  echo 'root:x:0:' > "$rootfs/etc/group"
  echo 'dnt test page' > "$rootfs/www/index.html"
  tar -C "$rootfs" -cf - . | docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$IMAGE" >/dev/null
  rm -rf "$rootfs"
  log "built $IMAGE"
}

start() {
  need_root
  install_packages
  mkdir -p "$DIR"
  local path="$PATH"
  if [ "$ENGINE" = 28 ]; then fetch_engine28; path="$ENGINE_ROOT/usr/sbin:$ENGINE_ROOT/usr/bin:$PATH"; fi
  make_netns
  if answers; then log "already running at $DOCKER_HOST"; clean_for_ci; add_uplink_drop; build_image; return; fi
  log "starting dockerd $ENGINE at $DOCKER_HOST${NETNS:+ in network namespace $NETNS} (log: $LOG)"
  # setsid: the daemon must outlive the shell that started it (CI's trap stops it explicitly).
  in_netns env PATH="$path" setsid dockerd \
    --host "$DOCKER_HOST" \
    --data-root "$DIR/data" \
    --exec-root "$DIR/exec" \
    --pidfile "$PIDFILE" \
    --dns 127.0.0.1 \
    >"$LOG" 2>&1 < /dev/null &
  local waited=0
  until answers; do
    if [ "$waited" -ge 60 ]; then
      log "dockerd did not answer within 60 s; last log lines:"; tail -n 30 "$LOG" >&2 || true
      exit 1
    fi
    sleep 1; waited=$((waited + 1))
  done
  log "dockerd answers after ${waited}s: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
  clean_for_ci
  add_uplink_drop
  build_image
}

# CI starts from an empty daemon: one left running by an interrupted session, or a data root it left, still holds its
# containers (a Compose project with a service of the same name as a test's makes a service name ambiguous), networks
# and swarm membership.
clean_for_ci() {
  [ "${CI:-}" = true ] || return 0
  local ids; ids="$(docker ps -aq)"
  if [ -n "$ids" ]; then
    log "CI: removing $(printf '%s\n' $ids | wc -l) container(s) left on the daemon"
    docker rm -f $ids >/dev/null
  fi
  [ "$(docker info --format '{{.Swarm.LocalNodeState}}')" = inactive ] || docker swarm leave --force >/dev/null
  docker network prune -f >/dev/null
}

stop() {
  need_root
  if answers; then
    local ids
    ids="$(docker ps -aq)"
    [ -z "$ids" ] || docker rm -f $ids >/dev/null 2>&1 || true
    docker network prune -f >/dev/null 2>&1 || true
  fi
  remove_uplink_drop
  if [ -f "$PIDFILE" ]; then
    local pid; pid="$(cat "$PIDFILE")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -0 "$pid" 2>/dev/null && { log "dockerd $pid did not stop in 30 s: killing it"; kill -9 "$pid" || true; }
    fi
    rm -f "$PIDFILE"
  fi
  remove_netns
  # A killed daemon can leave mounts under its roots; release them so the directory can be removed.
  if command -v findmnt >/dev/null 2>&1; then
    findmnt -rn -o TARGET | grep "^$DIR/" | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  fi
  log "stopped"
}

# --- A swarm of separate dockerd processes (the swarm live tests) ---
# Never on the shared daemons above (swarm init would add ingress and docker_gwbridge under everyone's tests).
# Node i runs Debian 12's dockerd 20.10 (DNT_ENGINE=28: Engine 28.5's dockerd and containerd from $ENGINE_ROOT, with
# Debian 12's runc) in network namespace swarm-n<i>, whose eth0 (198.18.66.1<i>/24) is one end of a
# veth pair, and hostname swarm-n<i>; the other ends hang on bridge br0 in namespace swarm-br, the wire between the nodes. No namespace has a
# default route, so nothing leaves this machine; --dns 127.0.0.1 keeps the embedded DNS from forwarding outside.
# Each node's socket, data root, exec root, pid file and log are under /tmp/dnt-swarm-n<i>. Node 1 is the manager
# (swarm init, default address pool 10.66.0.0/16), the others join as workers; each gets the dnt-busybox image.
# Each node programs only its own namespace's iptables, so a swarm of either engine runs beside both shared daemons.
# DNT_SWARM_NAME (namespaces <name>-n<i>, <name>-br, veths <name>-v<i>), DNT_SWARM_PREFIX (roots), DNT_SWARM_NET (the
# first three octets of the node addresses) and DNT_SWARM_POOL (a /16) move the lab; SwarmTests.cs reads the same.
SWARM_NAME="${DNT_SWARM_NAME:-swarm}"
SWARM_PREFIX="${DNT_SWARM_PREFIX:-/tmp/dnt-swarm}"
SWARM_NET="${DNT_SWARM_NET:-198.18.66}"
SWARM_POOL="${DNT_SWARM_POOL:-10.66.0.0/16}"
swarm_nodes() { local n=0; while [ -e "/var/run/netns/$SWARM_NAME-n$((n + 1))" ] || [ -d "$SWARM_PREFIX-n$((n + 1))" ]; do n=$((n + 1)); done; echo "$n"; }
swarm_docker() { local i="$1"; shift; DOCKER_HOST="unix://$SWARM_PREFIX-n$i/docker.sock" docker "$@"; }

swarm_start() {
  need_root
  install_packages
  local count="${1:-2}" i path="$PATH"
  if [ "$ENGINE" = 28 ]; then fetch_engine28; path="$ENGINE_ROOT/usr/sbin:$ENGINE_ROOT/usr/bin:$PATH"; fi
  if [ ! -e "/var/run/netns/$SWARM_NAME-br" ]; then
    ip netns add "$SWARM_NAME-br"
    ip -n "$SWARM_NAME-br" link set lo up
    ip -n "$SWARM_NAME-br" link add br0 type bridge
    ip -n "$SWARM_NAME-br" link set br0 up
  fi
  for i in $(seq 1 "$count"); do
    local ns="$SWARM_NAME-n$i" dir="$SWARM_PREFIX-n$i"
    mkdir -p "$dir"
    if [ ! -e "/var/run/netns/$ns" ]; then
      ip netns add "$ns"
      ip -n "$ns" link set lo up
      ip link add "$SWARM_NAME-v$i" type veth peer name eth0 netns "$ns"
      ip link set "$SWARM_NAME-v$i" netns "$SWARM_NAME-br"
      ip -n "$SWARM_NAME-br" link set "$SWARM_NAME-v$i" master br0 up
      ip -n "$ns" addr add "$SWARM_NET.1$i/24" dev eth0
      ip -n "$ns" link set eth0 up
    fi
    if ! swarm_docker "$i" version >/dev/null 2>&1; then
      # A UTS namespace of its own too, so each node's hostname (the swarm node's name) is its namespace's name.
      nsenter --net="/var/run/netns/$ns" env PATH="$path" setsid unshare --uts sh -c 'hostname "$0" && exec dockerd "$@"' "$ns" \
        --host "unix://$dir/docker.sock" --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/dockerd.pid" \
        --dns 127.0.0.1 >"$dir/dockerd.log" 2>&1 < /dev/null &
    fi
  done
  for i in $(seq 1 "$count"); do
    local waited=0
    until swarm_docker "$i" version >/dev/null 2>&1; do
      if [ "$waited" -ge 60 ]; then log "swarm node $i did not answer within 60 s"; tail -n 30 "$SWARM_PREFIX-n$i/dockerd.log" >&2 || true; exit 1; fi
      sleep 1; waited=$((waited + 1))
    done
    DOCKER_HOST="unix://$SWARM_PREFIX-n$i/docker.sock" DIR="$SWARM_PREFIX-n$i" build_image
  done
  if [ "$(swarm_docker 1 info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
    swarm_docker 1 swarm init --advertise-addr "$SWARM_NET.11" --default-addr-pool "$SWARM_POOL" >/dev/null
  fi
  local token; token="$(swarm_docker 1 swarm join-token -q worker)"
  for i in $(seq 2 "$count"); do
    if [ "$(swarm_docker "$i" info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
      swarm_docker "$i" swarm join --advertise-addr "$SWARM_NET.1$i" --token "$token" "$SWARM_NET.11:2377" >/dev/null
    fi
  done
  log "swarm of $count node(s) of Engine $(swarm_docker 1 version --format '{{.Server.Version}}') ready: $(swarm_docker 1 node ls --format '{{.Hostname}}/{{.Status}}/{{.ManagerStatus}}' | tr '\n' ' ')"
}

swarm_stop() {
  need_root
  local count i; count="$(swarm_nodes)"
  for i in $(seq "$count" -1 1); do
    local dir="$SWARM_PREFIX-n$i"
    if swarm_docker "$i" version >/dev/null 2>&1; then
      swarm_docker "$i" swarm leave --force >/dev/null 2>&1 || true
      local ids; ids="$(swarm_docker "$i" ps -aq)"
      [ -z "$ids" ] || swarm_docker "$i" rm -f $ids >/dev/null 2>&1 || true
    fi
    if [ -f "$dir/dockerd.pid" ]; then
      local pid; pid="$(cat "$dir/dockerd.pid")"
      if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        kill -0 "$pid" 2>/dev/null && { kill -9 "$pid" || true; }
      fi
    fi
    if command -v findmnt >/dev/null 2>&1; then
      findmnt -rn -o TARGET | { grep "^$dir/" || true; } | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
    fi
    [ ! -e "/var/run/netns/$SWARM_NAME-n$i" ] || ip netns del "$SWARM_NAME-n$i" || log "could not delete network namespace $SWARM_NAME-n$i"
    rm -rf "$dir"
  done
  [ ! -e "/var/run/netns/$SWARM_NAME-br" ] || ip netns del "$SWARM_NAME-br" || log "could not delete network namespace $SWARM_NAME-br"
  log "swarm stopped"
}

swarm_env() {
  local count i hosts=""; count="$(swarm_nodes)"
  for i in $(seq 1 "$count"); do hosts="$hosts${hosts:+,}unix://$SWARM_PREFIX-n$i/docker.sock"; done
  echo "export DNT_SWARM_HOSTS=$hosts"
}

case "${1:-}" in
  swarm)
    case "${2:-}" in
      start) swarm_start "${3:-2}" ;;
      stop) swarm_stop ;;
      env) swarm_env ;;
      *) echo "usage: $0 swarm start [N]|stop|env" >&2; exit 2 ;;
    esac
    exit 0 ;;
esac

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  purge) stop; rm -rf "$DIR" ;;
  compose) fetch_compose ;;
  compose-env) echo "export DNT_COMPOSE=$COMPOSE_BIN" ;;
  env) echo "export DOCKER_HOST=$DOCKER_HOST"; [ -z "$NETNS" ] || echo "export DNT_NETNS=$NETNS" ;;
  status) answers ;;
  *) echo "usage: $0 start|stop|purge|env|status|compose|compose-env|swarm" >&2; exit 2 ;;
esac
