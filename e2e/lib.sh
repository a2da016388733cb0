# Shared by the e2e/*.sh scripts; source it, do not run it.
# shellcheck disable=SC2086 # pid lists are split on purpose
#
# Settings (environment, with defaults):
#   E2E_IMAP_PORT   Dovecot IMAP on 127.0.0.1 (11143)
#   E2E_LMTP_PORT   Dovecot LMTP on 127.0.0.1 (11024); Postfix delivers here
#   E2E_SMTP_PORT   Postfix SMTP on 127.0.0.1 (10025)
#   E2E_PASSWORD    password of every mailbox user (jobback-e2e)
#   E2E_PEOPLE      how many person mailboxes: person1..N@people.example (5)
#   E2E_FSYNC       Dovecot mail_fsync: optimized, always or never (optimized)
# start.sh records the values it used in DIR/env, and the other scripts read
# them from there, so stop/restart act on the servers that start.sh started.

E2E_HOST=127.0.0.1

e2e_die() {
	echo "e2e: $*" >&2
	exit 1
}

# e2e_dir DIR: checks DIR and makes it absolute in $DIR.
e2e_dir() {
	[ -n "${1:-}" ] || e2e_die "usage: $0 DIR"
	mkdir -p "$1"
	DIR=$(cd "$1" && pwd -P)
	case "$DIR" in
	*[[:space:]]* | *,*) e2e_die "DIR must not contain spaces or commas: $DIR" ;;
	esac
	DOVECOT_CONF=$DIR/dovecot/dovecot.conf
	PF_DIR=$DIR/postfix
	PF_QUEUE=$DIR/postfix-queue
}

# e2e_load_env: reads the settings that start.sh recorded.
e2e_load_env() {
	[ -r "$DIR/env" ] || e2e_die "$DIR/env missing: was e2e/start.sh $DIR run?"
	# shellcheck disable=SC1091
	. "$DIR/env"
}

# e2e_port_open PORT: true if something accepts TCP connections on it.
e2e_port_open() {
	(exec 3<>"/dev/tcp/$E2E_HOST/$1") 2>/dev/null
}

# e2e_wait_port PORT NAME [SECONDS]: waits until PORT accepts connections.
e2e_wait_port() {
	local port=$1 name=$2 limit=${3:-20} i
	for ((i = 0; i < limit * 20; i++)); do
		if e2e_port_open "$port"; then
			return 0
		fi
		sleep 0.05
	done
	e2e_die "$name did not open $E2E_HOST:$port within ${limit}s"
}

# e2e_wait_port_closed PORT NAME [SECONDS]
e2e_wait_port_closed() {
	local port=$1 name=$2 limit=${3:-20} i
	for ((i = 0; i < limit * 20; i++)); do
		if ! e2e_port_open "$port"; then
			return 0
		fi
		sleep 0.05
	done
	e2e_die "$name still listens on $E2E_HOST:$port after ${limit}s"
}

# e2e_wait_gone PID [SECONDS]: waits for a process to exit; kills it at the end.
e2e_wait_gone() {
	local pid=$1 limit=${2:-20} i
	for ((i = 0; i < limit * 20; i++)); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.05
	done
	echo "e2e: process $pid did not stop within ${limit}s; killing it" >&2
	kill -KILL "$pid" 2>/dev/null || true
}

# e2e_leftovers [dovecot|postfix]: pids of processes that belong to the
# servers of DIR: Dovecot's carry the instance name in their title (or the
# config path, for the master); Postfix daemons work in its queue folder.
e2e_leftovers() {
	local which=${1:-all} out=''
	if [ "$which" != postfix ]; then
		out+=" $(pgrep -d ' ' -f "jobback-e2e-${DIR##*/}/|$DOVECOT_CONF" || true)"
	fi
	if [ "$which" != dovecot ]; then
		out+=" $(find /proc -mindepth 2 -maxdepth 2 -name cwd -lname "$PF_QUEUE*" 2>/dev/null |
			cut -d/ -f3 | tr '\n' ' ')"
	fi
	set -- $out # squeeze the spaces
	echo "$*"
}

# e2e_reap dovecot|postfix|all [SECONDS]: waits for the processes of DIR's
# servers to exit after their master stopped, then ends what is left
# (SIGTERM, then SIGKILL a second later). Dovecot's log, auth, anvil and
# stats processes can outlive its master by half a minute or more.
e2e_reap() {
	local which=$1 limit=${2:-1} i left
	for ((i = 0; i < limit * 10; i++)); do
		left=$(e2e_leftovers "$which")
		[ -z "$left" ] && return 0
		sleep 0.1
	done
	kill -TERM $left 2>/dev/null || true
	for ((i = 0; i < 10; i++)); do
		left=$(e2e_leftovers "$which")
		[ -z "$left" ] && return 0
		sleep 0.1
	done
	echo "e2e: $which processes still running for $DIR; killing:" >&2
	ps -o pid=,user=,args= -p "${left// /,}" >&2 || true
	kill -KILL $left 2>/dev/null || true
	return 1
}

dovecot_pid() {
	local f=$DIR/dovecot/run/master.pid
	[ -r "$f" ] || return 1
	local pid
	pid=$(cat "$f")
	kill -0 "$pid" 2>/dev/null || return 1
	echo "$pid"
}

postfix_pid() {
	local f=$PF_QUEUE/pid/master.pid
	[ -r "$f" ] || return 1
	local pid
	pid=$(tr -d ' ' <"$f")
	kill -0 "$pid" 2>/dev/null || return 1
	echo "$pid"
}

dovecot_start() {
	if dovecot_pid >/dev/null; then
		e2e_die "Dovecot already runs for $DIR (pid $(dovecot_pid))"
	fi
	e2e_port_open "$E2E_IMAP_PORT" && e2e_die "port $E2E_IMAP_PORT (IMAP) is already in use"
	e2e_port_open "$E2E_LMTP_PORT" && e2e_die "port $E2E_LMTP_PORT (LMTP) is already in use"
	# Dovecot keeps the caller's stdout and stderr open: send them to a file.
	dovecot -c "$DOVECOT_CONF" >>"$DIR/dovecot/stdout.log" 2>&1 </dev/null ||
		{ tail -n 20 "$DIR/dovecot/dovecot.log" >&2 2>/dev/null; e2e_die "dovecot did not start"; }
	e2e_wait_port "$E2E_IMAP_PORT" "Dovecot IMAP"
	e2e_wait_port "$E2E_LMTP_PORT" "Dovecot LMTP"
}

dovecot_stop() {
	local pid
	if pid=$(dovecot_pid); then
		kill -TERM "$pid" 2>/dev/null || true
		e2e_wait_gone "$pid"
		e2e_wait_port_closed "$E2E_IMAP_PORT" "Dovecot IMAP" 10
		e2e_wait_port_closed "$E2E_LMTP_PORT" "Dovecot LMTP" 10
	fi
	e2e_reap dovecot 1 || true
}

# dovecot_kill / postfix_kill: a crash: SIGKILL every process of the server
# at once (no BYE, no goodbye to clients), then wait for the ports to close.
dovecot_kill() {
	local left
	left=$(e2e_leftovers dovecot)
	[ -z "$left" ] || kill -KILL $left 2>/dev/null || true
	e2e_wait_port_closed "$E2E_IMAP_PORT" "Dovecot IMAP" 10
	e2e_wait_port_closed "$E2E_LMTP_PORT" "Dovecot LMTP" 10
	e2e_reap dovecot 1 || true
	rm -f "$DIR/dovecot/run/master.pid"
}

postfix_kill() {
	local left
	left=$(e2e_leftovers postfix)
	[ -z "$left" ] || kill -KILL $left 2>/dev/null || true
	e2e_wait_port_closed "$E2E_SMTP_PORT" "Postfix SMTP" 10
	e2e_reap postfix 1 || true
}

# postfix_flush: delivers the deferred mail now instead of at the next retry.
postfix_flush() {
	postfix_pid >/dev/null || e2e_die "Postfix does not run for $DIR"
	postqueue -c "$PF_DIR" -f
}

# Postfix refuses "postfix -c DIR" unless DIR is listed in the default
# main.cf's alternate_config_directories (exact paths, no patterns).
postfix_allow_dir() {
	local cur
	cur=$(postconf -h alternate_config_directories 2>/dev/null || true)
	case ",${cur// /}," in
	*",$PF_DIR,"*) return 0 ;;
	esac
	if [ -n "${cur// /}" ]; then
		postconf -e "alternate_config_directories = $cur, $PF_DIR"
	else
		postconf -e "alternate_config_directories = $PF_DIR"
	fi
}

postfix_disallow_dir() {
	local cur out='' d
	cur=$(postconf -h alternate_config_directories 2>/dev/null || true)
	case ",${cur// /}," in
	*",$PF_DIR,"*) ;;
	*) return 0 ;;
	esac
	IFS=', ' read -r -a dirs <<<"$cur"
	for d in "${dirs[@]}"; do
		[ -z "$d" ] || [ "$d" = "$PF_DIR" ] && continue
		out=${out:+$out, }$d
	done
	postconf -e "alternate_config_directories = $out"
}

postfix_start() {
	if postfix_pid >/dev/null; then
		e2e_die "Postfix already runs for $DIR (pid $(postfix_pid))"
	fi
	e2e_port_open "$E2E_SMTP_PORT" && e2e_die "port $E2E_SMTP_PORT (SMTP) is already in use"
	postfix_allow_dir
	# Postfix keeps the caller's stdout and stderr open: send them to a file.
	postfix -c "$PF_DIR" start >>"$DIR/postfix-stdout.log" 2>&1 </dev/null ||
		{ tail -n 20 "$DIR/postfix-stdout.log" "$DIR/postfix.log" >&2 2>/dev/null; e2e_die "postfix did not start"; }
	e2e_wait_port "$E2E_SMTP_PORT" "Postfix SMTP"
}

postfix_stop() {
	local pid
	if pid=$(postfix_pid); then
		# "postfix stop" polls once a second; SIGTERM is the same "stop now"
		# (the master ends its children) without the wait.
		kill -TERM "$pid" 2>/dev/null || true
		e2e_wait_gone "$pid"
		e2e_wait_port_closed "$E2E_SMTP_PORT" "Postfix SMTP" 10
	fi
	e2e_reap postfix 1 || true
}

# ---- PostgreSQL (the store shared by several instances) ---------------------
# A private cluster under $DIR/postgres, run by the postgres user, on
# $E2E_HOST:$E2E_PG_PORT with trust authentication (loopback only).

pg_bin() {
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	[ -n "$d" ] || e2e_die "PostgreSQL missing: run e2e/install.sh first"
	echo "$d"
}

pg_running() {
	[ -r "$DIR/postgres/data/postmaster.pid" ] &&
		kill -0 "$(head -n 1 "$DIR/postgres/data/postmaster.pid")" 2>/dev/null
}

pg_start() {
	local bin
	bin=$(pg_bin)
	pg_running && e2e_die "PostgreSQL already runs for $DIR"
	e2e_port_open "$E2E_PG_PORT" && e2e_die "port $E2E_PG_PORT (PostgreSQL) is already in use"
	rm -rf "$DIR/postgres"
	mkdir -p "$DIR/postgres/run"
	chown -R postgres:postgres "$DIR/postgres"
	runuser -u postgres -- "$bin/initdb" -D "$DIR/postgres/data" -A trust -U postgres -E UTF8 \
		--no-instructions >"$DIR/postgres/initdb.log" 2>&1 ||
		{ tail -n 20 "$DIR/postgres/initdb.log" >&2; e2e_die "initdb failed"; }
	runuser -u postgres -- "$bin/pg_ctl" -D "$DIR/postgres/data" -l "$DIR/postgres/postgres.log" -w -t 30 \
		-o "-p $E2E_PG_PORT -k $DIR/postgres/run -c listen_addresses=$E2E_HOST -c max_connections=200" \
		start >/dev/null ||
		{ tail -n 20 "$DIR/postgres/postgres.log" >&2; e2e_die "PostgreSQL did not start"; }
	e2e_wait_port "$E2E_PG_PORT" "PostgreSQL"
}

pg_stop() {
	local bin
	pg_running || return 0
	bin=$(pg_bin)
	runuser -u postgres -- "$bin/pg_ctl" -D "$DIR/postgres/data" -m fast -w -t 30 stop >/dev/null
}
