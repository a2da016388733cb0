#!/usr/bin/env bash
# e2e/restart-dovecot.sh DIR: stops Dovecot (dropping every IMAP connection,
# IDLE included) and starts it again with the same mail. Same as
# e2e/ctl.sh DIR restart dovecot.
exec "$(dirname "$0")/ctl.sh" "${1:-}" restart dovecot
