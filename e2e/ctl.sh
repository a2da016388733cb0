#!/usr/bin/env bash
# e2e/ctl.sh DIR start|stop|restart dovecot|postfix
# Stops or starts one server of a running e2e setup (made by e2e/start.sh DIR)
# for fault tests: Dovecot restarted under an IDLE client, SMTP down for a
# while. stop returns once the port is closed; start once it answers again.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
e2e_dir "${1:-}"
e2e_load_env
action=${2:-}
server=${3:-}
case "$server" in
dovecot | postfix) ;;
*) e2e_die "usage: $0 DIR start|stop|restart dovecot|postfix" ;;
esac
case "$action" in
start) "${server}_start" ;;
stop) "${server}_stop" ;;
restart) "${server}_stop"; "${server}_start" ;;
*) e2e_die "usage: $0 DIR start|stop|restart dovecot|postfix" ;;
esac
