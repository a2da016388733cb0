#!/usr/bin/env bash
# packaging/verify.sh: checks the packaging in packaging/ as far as this
# machine allows, and exits non-zero on any error or warning.
#
#   1. jobback.service: `systemd-analyze verify` prints nothing (it exits 0
#      on warnings, so any output counts as a failure), with ExecStart
#      pointing at a freshly built binary in a temporary directory; the
#      hardening the unit promises is there; `systemd-analyze security`
#      rates its exposure at most 2.0 (of 10).
#   2. Containerfile: the builder stage's ENV and RUN steps are run here on
#      the host, as written (/out is a temporary directory): the binary they
#      build must be static and print `jobback version` with the commit; the
#      licences must be collected. The final stage must run as a non-root
#      USER, expose nothing, keep the store in a VOLUME; the builder's Go
#      must satisfy go.mod; .dockerignore must leave out no tracked file.
#   3. With a working docker or podman (or buildah), the image is built and
#      `jobback version` run in it. Without one this is said plainly:
#      "container build SKIPPED".
#
# Needs go and systemd-analyze (installed from Debian's systemd package when
# missing and running as root). Run from anywhere: bash packaging/verify.sh
set -euo pipefail
cd "$(dirname "$0")/.."

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok    $*"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- 1. the systemd unit -----------------------------------------------------
echo "== packaging/jobback.service"
if ! command -v systemd-analyze >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "systemd-analyze missing: installing Debian's systemd package"
		apt-get update >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends systemd >/dev/null
	fi
fi
if ! command -v systemd-analyze >/dev/null 2>&1; then
	fail "systemd-analyze not found (install the systemd package)"
else
	unit=packaging/jobback.service
	if ! go build -o "$tmp/bin/jobback" ./cmd/jobback 2>"$tmp/gobuild.log"; then
		fail "go build ./cmd/jobback failed:"
		sed 's/^/      /' "$tmp/gobuild.log"
	fi
	# The same unit with ExecStart at the binary just built (verify checks
	# that the command exists and is executable).
	mkdir -p "$tmp/unit"
	sed "s#^ExecStart=/usr/local/bin/jobback #ExecStart=$tmp/bin/jobback #" "$unit" >"$tmp/unit/jobback.service"
	grep -q "^ExecStart=$tmp/bin/jobback run --config /etc/jobback/config.yaml$" "$tmp/unit/jobback.service" ||
		fail "$unit: ExecStart is not /usr/local/bin/jobback run --config /etc/jobback/config.yaml"
	if out=$(systemd-analyze verify "$tmp/unit/jobback.service" 2>&1) && [ -z "$out" ]; then
		ok "systemd-analyze verify: no warnings"
	else
		fail "systemd-analyze verify:"
		printf '%s\n' "$out" | sed "s#$tmp/unit/##g; s/^/      /"
	fi
	# The hardening promised in the unit's comments and docs/deploy.md.
	for want in \
		"User=jobback" "Group=jobback" "StateDirectory=jobback" "ConfigurationDirectory=jobback" \
		"WorkingDirectory=/var/lib/jobback" "UMask=0077" "NoNewPrivileges=yes" "CapabilityBoundingSet=" \
		"ProtectSystem=strict" "ProtectHome=yes" "PrivateTmp=yes" "PrivateDevices=yes" \
		"ProtectKernelTunables=yes" "ProtectKernelModules=yes" "ProtectKernelLogs=yes" \
		"ProtectControlGroups=yes" "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX" \
		"LockPersonality=yes" "MemoryDenyWriteExecute=yes" "SystemCallFilter=@system-service" \
		"Restart=on-failure" "KillSignal=SIGTERM"; do
		grep -qxF "$want" "$unit" || fail "$unit: no line $want"
	done
	grep -q '^LoadCredential=' "$unit" || fail "$unit: no LoadCredential= for the secrets"
	# Long enough for a send in flight (smtp.timeout, 1m by default) and the
	# 30 s close after it.
	stop=$(sed -n 's/^TimeoutStopSec=\([0-9]*\)s\{0,1\}$/\1/p' "$unit")
	if [ -z "$stop" ]; then
		fail "$unit: TimeoutStopSec is not given in seconds"
	elif [ "$stop" -lt 90 ]; then
		fail "$unit: TimeoutStopSec=${stop}s is shorter than smtp.timeout (60s) + 30s"
	fi
	[ "$failures" = 0 ] && ok "hardening lines present; TimeoutStopSec=${stop}s"
	# Exposure as systemd rates it, 0 (locked down) to 10; --threshold is in
	# tenths.
	if score=$(systemd-analyze security --offline=yes --threshold=20 "$tmp/unit/jobback.service" 2>&1); then
		ok "systemd-analyze security: $(printf '%s\n' "$score" | sed -n 's/.*Overall exposure level for [^:]*: //p')"
	else
		fail "systemd-analyze security: exposure above 2.0"
		printf '%s\n' "$score" | grep -v '^✓' | sed 's/^/      /'
	fi
fi

# --- 2. the Containerfile, run on the host ------------------------------------
echo "== packaging/Containerfile"
cf=packaging/Containerfile
# Instructions of the file with their continuation lines joined, one per
# line, comments dropped.
instructions() {
	awk '
		/^[[:space:]]*#/ && cont == "" { next }
		/^[[:space:]]*$/ && cont == "" { next }
		{
			line = $0
			if (line ~ /\\[[:space:]]*$/) { sub(/\\[[:space:]]*$/, "", line); cont = cont line " "; next }
			print cont line; cont = ""
		}' "$cf"
}
instructions >"$tmp/instructions"
stages=$(grep -c '^FROM ' "$tmp/instructions" || true)
[ "$stages" -ge 2 ] || fail "$cf: not a multi-stage build ($stages FROM)"
builder=$(grep -m1 '^FROM ' "$tmp/instructions" | awk '{print $2}')
final=$(grep '^FROM ' "$tmp/instructions" | tail -n1 | awk '{print $2}')

# The builder's Go against go.mod's go line.
modgo=$(sed -n 's/^go \([0-9][0-9.]*\)$/\1/p' go.mod)
tag=${builder#*:}
case "$builder" in
golang:*) ;;
*) fail "$cf: the builder is $builder, not a golang image" ;;
esac
if [ "${modgo%.*}" != "${tag%%-*}" ] && [ "$modgo" != "${tag%%-*}" ]; then
	fail "$cf: builder $builder does not match go.mod's go $modgo"
else
	ok "builder $builder for go.mod's go $modgo (host: $(go env GOVERSION))"
fi

# The final stage.
awk '/^FROM /{n++} n>=2' "$tmp/instructions" >"$tmp/final"
case "$final" in
gcr.io/distroless/static*:nonroot* | scratch) ok "final stage $final" ;;
*) fail "$cf: final stage is $final, not distroless static nonroot or scratch" ;;
esac
user=$(sed -n 's/^USER[[:space:]]\{1,\}//p' "$tmp/final" | tail -n1)
case "$user" in
"" | root | 0 | 0:* | root:*) fail "$cf: the final stage runs as root (USER ${user:-unset})" ;;
*) ok "USER $user" ;;
esac
if grep -q '^EXPOSE' "$tmp/final"; then fail "$cf: EXPOSE in the final stage"; else ok "no EXPOSE"; fi
grep -q '^VOLUME.*/var/lib/jobback' "$tmp/final" && ok "VOLUME /var/lib/jobback" || fail "$cf: no VOLUME /var/lib/jobback"
grep -q '/etc/jobback/config.yaml' "$tmp/final" || fail "$cf: the command does not read /etc/jobback/config.yaml"

# .dockerignore must not drop a tracked file (the build would miss it).
if [ -f .dockerignore ] && git rev-parse --git-dir >/dev/null 2>&1; then
	dropped=""
	while IFS= read -r pat; do
		case "$pat" in "" | "#"* | "!"*) continue ;; esac
		pat=${pat#/}
		pat=${pat#\*\*/}
		hit=$(git ls-files -- ":(glob)$pat" ":(glob)**/$pat" ":(glob)$pat/**" | head -n3 || true)
		[ -z "$hit" ] || dropped="$dropped $hit"
	done <.dockerignore
	if [ -n "$dropped" ]; then fail ".dockerignore leaves out tracked files:$dropped"; else ok ".dockerignore leaves out no tracked file"; fi
fi

# The builder stage's ENV and RUN steps, run here with /out in $tmp/root.
awk '/^FROM /{n++} n==1' "$tmp/instructions" >"$tmp/build"
mkdir -p "$tmp/root"
(
	# As in the golang image, which sets no GOFLAGS: a go env file here may
	# say -buildvcs=false, and the commit would not be recorded.
	export GOFLAGS=-buildvcs=auto
	while IFS= read -r ins; do
		case "$ins" in
		ENV\ *)
			for kv in ${ins#ENV }; do export "${kv?}"; done
			;;
		RUN\ *)
			cmd=${ins#RUN }
			cmd=${cmd//\/out/$tmp/root}
			echo "   \$ ${ins#RUN }" | cut -c1-150
			sh -c "$cmd" || exit 1
			;;
		esac
	done <"$tmp/build"
) >"$tmp/build.log" 2>&1 || {
	fail "the Containerfile's build steps failed on the host:"
	sed 's/^/      /' "$tmp/build.log"
}
bin="$tmp/root/usr/local/bin/jobback"
if [ -x "$bin" ]; then
	desc=$(file -b "$bin")
	if [[ "$desc" == *"statically linked"* ]] && ! ldd "$bin" >/dev/null 2>&1; then
		ok "static binary: $(printf '%s' "$desc" | cut -d, -f1-4)"
	else
		fail "the binary is not static: $desc; ldd: $(ldd "$bin" 2>&1 | head -n3)"
	fi
	if version=$("$bin" version 2>&1); then
		echo "      $(printf '%s' "$version" | paste -sd'|' | sed 's/|/ | /g')"
		if head=$(git rev-parse HEAD 2>/dev/null); then
			grep -q "^commit $head" <<<"$version" && ok "jobback version names the commit $head" ||
				fail "jobback version does not name the commit $head"
		else
			echo "      (no git checkout: the commit is not checked)"
		fi
		grep -q "^$(go env GOVERSION) " <<<"$version" || fail "jobback version does not print $(go env GOVERSION)"
	else
		fail "jobback version failed: $(printf '%s' "$version" | head -n1)"
	fi
	n=$(find "$tmp/root/usr/share/doc/jobback/third-party" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l || true)
	if [ -f "$tmp/root/usr/share/doc/jobback/LICENSE" ] && [ -f "$tmp/root/usr/share/doc/jobback/NOTICE" ] && [ "$n" -gt 1 ]; then
		ok "licences collected: LICENSE, NOTICE and $n third-party entries"
	else
		fail "licences not collected in /usr/share/doc/jobback"
	fi
else
	fail "the Containerfile's build steps made no binary"
fi

# --- 3. a real container build, when an engine works here ---------------------
echo "== container build"
engine=""
for e in podman docker; do
	if command -v "$e" >/dev/null 2>&1 && "$e" info >/dev/null 2>&1; then
		engine=$e
		break
	fi
done
if [ -z "$engine" ] && command -v buildah >/dev/null 2>&1; then engine=buildah; fi
if [ -n "${JOBBACK_SKIP_CONTAINER:-}" ]; then
	echo "container build SKIPPED: JOBBACK_SKIP_CONTAINER is set"
elif [ -z "$engine" ]; then
	why="no docker/podman/buildah"
	command -v docker >/dev/null 2>&1 && why="no docker/podman: the docker client is installed but no daemon answers"
	echo "container build SKIPPED: $why (step 2 ran the build stage on the host instead)"
else
	image="jobback-verify:$$"
	if [ "$engine" = buildah ]; then
		buildah bud -f "$cf" -t "$image" . && ok "buildah bud" || fail "buildah bud failed"
		echo "      (buildah: the image is built but not run)"
	elif "$engine" build -f "$cf" -t "$image" .; then
		ok "$engine build"
		if v=$("$engine" run --rm "$image" version); then
			ok "in the image: $(printf '%s' "$v" | paste -sd'|' | sed 's/|/ | /g')"
		else
			fail "$engine run $image version failed"
		fi
		"$engine" rmi "$image" >/dev/null 2>&1 || true
	else
		fail "$engine build failed"
	fi
fi

echo
if [ "$failures" -gt 0 ]; then
	echo "packaging/verify.sh: $failures failure(s)"
	exit 1
fi
echo "packaging/verify.sh: all checks passed"
