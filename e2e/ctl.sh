#!/usr/bin/env bash
# e2e/ctl.sh DIR start|stop|restart|kill dovecot|postfix
# e2e/ctl.sh DIR flush postfix
# Stops or starts one server of a running e2e setup (made by e2e/start.sh DIR)
# for fault tests: Dovecot restarted under an IDLE client, SMTP down for a
# while. stop is graceful (Dovecot says BYE to its clients; takes about 3 s)
# and returns once the ports are closed; kill is a crash (SIGKILL to every
# process of the server, connections reset); start returns once the ports
# answer again. flush makes Postfix retry its deferred mail now (it retries
# by itself every 5 to 30 s).
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
*) e2e_die "usage: $0 DIR start|stop|restart|kill dovecot|postfix, or $0 DIR flush postfix" ;;
esac
case "$action" in
start) "${server}_start" ;;
stop) "${server}_stop" ;;
restart) "${server}_stop"; "${server}_start" ;;
kill) "${server}_kill" ;;
flush) [ "$server" = postfix ] || e2e_die "only Postfix has a queue to flush"; postfix_flush ;;
*) e2e_die "usage: $0 DIR start|stop|restart|kill dovecot|postfix, or $0 DIR flush postfix" ;;
esac
