#!/usr/bin/env bash
# e2e/stop.sh DIR: stops the Dovecot, Postfix and PostgreSQL that e2e/start.sh DIR
# started, waits until their processes are gone and their ports closed, and
# removes DIR from Postfix's alternate_config_directories. Leaves DIR (logs,
# mail) in place. Safe to run twice or after a failed start.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
e2e_dir "${1:-}"
[ -r "$DIR/env" ] || { echo "e2e: nothing started in $DIR" >&2; exit 0; }
e2e_load_env

rc=0
# Stop both at once: Dovecot's master takes a few seconds to exit.
( postfix_stop ) &
pf=$!
( dovecot_stop ) || rc=1
( pg_stop ) || rc=1
wait "$pf" || rc=1
postfix_disallow_dir || rc=1

# Anything still running from DIR is a leak: report and end it.
e2e_reap all 2 || rc=1
exit $rc
