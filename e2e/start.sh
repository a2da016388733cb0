#!/usr/bin/env bash
# e2e/start.sh DIR: starts a private Dovecot (IMAP + LMTP), Postfix (SMTP)
# and PostgreSQL (the shared store of several instances) on 127.0.0.1 with all configuration, mail and queues under DIR, waits until
# their ports answer, records the settings in DIR/env, prints them and exits.
# Stop them with e2e/stop.sh DIR. Needs root and e2e/install.sh first.
#
# Mailboxes (all with password $E2E_PASSWORD, IMAP LOGIN by full address):
#   help@jobback.example               the assistant
#   person1..N@people.example          one mailbox each (N = $E2E_PEOPLE)
#   catchall@people.example            every other address anywhere except
#                                      at jobback.example lands here
# Mail to an unknown address at jobback.example is refused by Dovecot's LMTP
# and Postfix bounces it to the sender.
# Postfix accepts mail from 127.0.0.0/8 for any recipient, with or without
# AUTH (PLAIN/LOGIN against the same users, no TLS), and hands it to Dovecot
# over LMTP on $E2E_LMTP_PORT.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
e2e_dir "${1:-}"

[ "$(id -u)" -eq 0 ] || e2e_die "start.sh needs root (Dovecot and Postfix switch users)"
{ command -v dovecot && command -v postfix; } >/dev/null ||
	e2e_die "Dovecot or Postfix missing: run e2e/install.sh first"

if [ -r "$DIR/env" ]; then
	# shellcheck disable=SC1091
	. "$DIR/env"
	if dovecot_pid >/dev/null || postfix_pid >/dev/null; then
		e2e_die "servers already run for $DIR: run e2e/stop.sh $DIR first"
	fi
fi

E2E_IMAP_PORT=${E2E_IMAP_PORT:-11143}
E2E_LMTP_PORT=${E2E_LMTP_PORT:-11024}
E2E_SMTP_PORT=${E2E_SMTP_PORT:-10025}
E2E_PG_PORT=${E2E_PG_PORT:-15433}
E2E_PASSWORD=${E2E_PASSWORD:-jobback-e2e}
E2E_PEOPLE=${E2E_PEOPLE:-5}
E2E_FSYNC=${E2E_FSYNC:-optimized}
case "$E2E_PASSWORD" in *:* | *[[:space:]]*) e2e_die "E2E_PASSWORD must not hold ':' or spaces" ;; esac

started=$EPOCHREALTIME

# Dovecot and Postfix run their workers as other users (mail, dovecot,
# dovenull, postfix): they need to reach DIR.
chmod 0755 "$DIR"
if command -v runuser >/dev/null && ! runuser -u mail -- test -x "$DIR"; then
	e2e_die "the mail user cannot reach $DIR: use a folder under /tmp (or make its parents world-searchable)"
fi
# Postfix's check wants its config folder all root's, so the queue and data
# folders sit beside it.
rm -rf "$DIR/dovecot" "$PF_DIR" "$PF_QUEUE" "$DIR/postfix-data"
mkdir -p "$DIR/dovecot/run" "$DIR/dovecot/state" "$DIR/mail" \
	"$PF_DIR" "$PF_QUEUE" "$DIR/postfix-data"
chmod 0755 "$DIR/dovecot" "$DIR/dovecot/run" "$PF_DIR" "$PF_QUEUE"
chown mail:mail "$DIR/mail"
chown postfix:postfix "$DIR/postfix-data"

users=(help@jobback.example catchall@people.example)
for ((i = 1; i <= E2E_PEOPLE; i++)); do
	users+=("person$i@people.example")
done

# ---- Dovecot ---------------------------------------------------------------
: >"$DIR/dovecot/users"
for u in "${users[@]}"; do
	echo "$u:{PLAIN}$E2E_PASSWORD::::::" >>"$DIR/dovecot/users"
done
chown root:dovecot "$DIR/dovecot/users"
chmod 0640 "$DIR/dovecot/users"

# The auth socket for Postfix's SASL sits in Postfix's queue folder.
mkdir -p "$PF_QUEUE/private"
chown postfix:root "$PF_QUEUE/private"
chmod 0700 "$PF_QUEUE/private"

cat >"$DOVECOT_CONF" <<CONF
# Written by jobback e2e/start.sh; private instance for the end-to-end suite.
instance_name = jobback-e2e-$(basename "$DIR")
hostname = mx.jobback.example
base_dir = $DIR/dovecot/run
state_dir = $DIR/dovecot/state
protocols = imap lmtp
listen = $E2E_HOST
log_path = $DIR/dovecot/dovecot.log
info_log_path = $DIR/dovecot/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
mail_uid = mail
mail_gid = mail
first_valid_uid = 8
mail_fsync = $E2E_FSYNC
default_internal_user = dovecot
default_login_user = dovenull
# The suite's clients come from one address; do not throttle them.
mail_max_userip_connections = 500
auth_cache_size = 0
# Answer a wrong password at once (tests try one on purpose).
auth_failure_delay = 0

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%Lu $DIR/dovecot/users
}
userdb {
  driver = static
  args = uid=mail gid=mail home=$DIR/mail/%Ld/%Ln
}

service imap-login {
  inet_listener imap {
    address = $E2E_HOST
    port = $E2E_IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
  process_min_avail = 1
}
service lmtp {
  inet_listener lmtp {
    address = $E2E_HOST
    port = $E2E_LMTP_PORT
  }
}
# No auth penalty: after a wrong password Dovecot would slow every later
# login from 127.0.0.1 (the whole suite) by up to 15 s.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service auth {
  unix_listener $PF_QUEUE/private/auth {
    mode = 0660
    user = postfix
    group = postfix
  }
}
protocol lmtp {
  postmaster_address = postmaster@jobback.example
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \Sent
    auto = create
  }
  mailbox Trash {
    special_use = \Trash
    auto = create
  }
  mailbox Junk {
    special_use = \Junk
    auto = create
  }
}
CONF

# ---- Postfix ---------------------------------------------------------------
# First match wins: listed users keep their address; every other address
# outside jobback.example goes to the catch-all; unknown addresses at
# jobback.example stay as they are (and Dovecot refuses them).
{
	for u in "${users[@]}"; do
		printf '/^%s$/\t%s\n' "${u//./\\.}" "$u"
	done
	printf 'if !/@jobback\\.example$/\n'
	printf '/^.+@.+$/\tcatchall@people.example\n'
	printf 'endif\n'
} >"$PF_DIR/virtual.pcre"

cat >"$PF_DIR/main.cf" <<CONF
# Written by jobback e2e/start.sh; private instance for the end-to-end suite.
compatibility_level = 3.6
config_directory = $PF_DIR
queue_directory = $PF_QUEUE
data_directory = $DIR/postfix-data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
meta_directory = /etc/postfix
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
syslog_name = postfix-jobback-e2e
# There is no syslog here: Postfix logs to a file through postlogd.
maillog_file = $DIR/postfix.log
maillog_file_prefixes = $DIR/postfix.log
myhostname = mx.jobback.example
mydomain = jobback.example
myorigin = \$myhostname
inet_interfaces = $E2E_HOST
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
mydestination =
relay_domains =
local_recipient_maps =
alias_maps =
alias_database =
smtpd_banner = \$myhostname ESMTP jobback-e2e
smtpd_peername_lookup = no
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
smtpd_recipient_restrictions =
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = private/auth
smtpd_tls_security_level = none
smtp_tls_security_level = none
lmtp_tls_security_level = none
message_size_limit = 52428800
# Everything goes to Dovecot; the catch-all needs an empty
# virtual_alias_domains beside the regexp map.
virtual_alias_domains =
virtual_alias_maps = pcre:$PF_DIR/virtual.pcre
default_transport = lmtp:inet:$E2E_HOST:$E2E_LMTP_PORT
relay_transport = \$default_transport
lmtp_host_lookup = native
smtp_host_lookup = native
# Retry quickly after Dovecot was down, and give up after a few minutes.
queue_run_delay = 5s
minimal_backoff_time = 5s
maximal_backoff_time = 30s
maximal_queue_lifetime = 10m
bounce_queue_lifetime = 10m
delay_warning_time = 0
smtpd_error_sleep_time = 0
in_flow_delay = 0
biff = no
CONF

cat >"$PF_DIR/master.cf" <<CONF
# Written by jobback e2e/start.sh. Nothing runs chrooted.
$E2E_HOST:$E2E_SMTP_PORT inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
CONF

cat >"$DIR/env" <<ENV
# Written by jobback e2e/start.sh; source it.
export E2E_DIR=$DIR
export E2E_HOST=$E2E_HOST
export E2E_IMAP_PORT=$E2E_IMAP_PORT
export E2E_LMTP_PORT=$E2E_LMTP_PORT
export E2E_SMTP_PORT=$E2E_SMTP_PORT
export E2E_PASSWORD=$E2E_PASSWORD
export E2E_PEOPLE=$E2E_PEOPLE
export E2E_FSYNC=$E2E_FSYNC
export E2E_ASSISTANT=help@jobback.example
export E2E_CATCHALL=catchall@people.example
export E2E_PG_PORT=$E2E_PG_PORT
export E2E_PG_DSN=postgres://postgres@$E2E_HOST:$E2E_PG_PORT/postgres?sslmode=disable
ENV

# If Postfix fails to start, stop Dovecot again: leave nothing behind.
trap '[ "$?" -eq 0 ] || bash "$here/stop.sh" "$DIR" >/dev/null 2>&1' EXIT
dovecot_start
postfix_start
pg_start

elapsed=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
sed -n 's/^export //p' "$DIR/env"
echo "e2e: Dovecot IMAP $E2E_HOST:$E2E_IMAP_PORT, LMTP $E2E_HOST:$E2E_LMTP_PORT; Postfix SMTP $E2E_HOST:$E2E_SMTP_PORT; PostgreSQL $E2E_HOST:$E2E_PG_PORT; up in ${elapsed}s" >&2
