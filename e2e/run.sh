#!/usr/bin/env bash
# e2e/run.sh [go test flags]: runs the end-to-end suite against a real Dovecot
# and Postfix. Installs the Debian packages if they are missing (needs root),
# starts the servers under a fresh temporary folder (e2e/start.sh), runs
#   go test -tags e2e -count=1 -v ./e2e/...
# (or with the given flags instead of "-count=1 -v", e.g.
#   bash e2e/run.sh -run XXX -bench . -benchtime 200x)
# and stops the servers and removes the folder on exit, also on failure or
# Ctrl-C. E2E_PKGS replaces ./e2e/... (e.g. E2E_PKGS="./e2e/... ./mailbox/...")
# to run other packages' e2e-tagged tests against the same servers. Port settings: see e2e/lib.sh (E2E_IMAP_PORT, E2E_LMTP_PORT,
# E2E_SMTP_PORT). E2E_KEEP=1 keeps the folder (logs, mail) for a look.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."

bash "$here/install.sh"

# Under /tmp, not $TMPDIR: the servers run as other users and must reach it.
dir=$(mktemp -d /tmp/jobback-e2e.XXXXXX)
cleanup() {
	local rc=$?
	bash "$here/stop.sh" "$dir" || rc=1
	if [ "$rc" -ne 0 ] && [ -d "$dir" ]; then
		echo "== e2e: last lines of the server logs ($dir)" >&2
		tail -n 15 "$dir/dovecot/dovecot.log" "$dir/postfix.log" >&2 2>/dev/null || true
	fi
	if [ "${E2E_KEEP:-}" = 1 ]; then
		echo "e2e: kept $dir" >&2
	else
		rm -rf "$dir"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bash "$here/start.sh" "$dir" >/dev/null
# shellcheck disable=SC1091
. "$dir/env"
export E2E_REQUIRED=1 E2E_SCRIPTS="$here"
# The store's tests run against this PostgreSQL too (each in a database of its own).
export JOBBACK_TEST_POSTGRES="$E2E_PG_DSN"
echo "== e2e: Dovecot IMAP $E2E_HOST:$E2E_IMAP_PORT, LMTP $E2E_HOST:$E2E_LMTP_PORT; Postfix SMTP $E2E_HOST:$E2E_SMTP_PORT; PostgreSQL $E2E_HOST:$E2E_PG_PORT; state in $dir"

flags=("$@")
[ "${#flags[@]}" -gt 0 ] || flags=(-count=1 -v)
# shellcheck disable=SC2086 # a list of packages
go test -tags e2e "${flags[@]}" ${E2E_PKGS:-./e2e/...}
