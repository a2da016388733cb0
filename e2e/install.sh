#!/usr/bin/env bash
# Installs Dovecot (IMAP + LMTP) and Postfix from Debian's packages for the
# end-to-end suite, and what its storage-fault tests need. Idempotent: when everything is already installed it does
# nothing but check. Run as root on Debian 12.
#
# The packages' own services are not started (or are stopped if a package
# started them): e2e/start.sh runs private instances with all config and state
# under a temporary folder.
set -euo pipefail

# e2fsprogs and mount: the storage-fault tests put the store on an ext4
# filesystem of their own, on a loop device (e2e/faultfs.go).
# postgresql: the store that several instances share (start.sh runs a
# private cluster of its own).
pkgs=(dovecot-core dovecot-imapd dovecot-lmtpd postfix postfix-pcre e2fsprogs mount postgresql)

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done

if [ "${#missing[@]}" -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "e2e/install.sh: must run as root to install: ${missing[*]}" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	# Postfix asks how to configure itself; "No configuration" leaves
	# /etc/postfix/main.cf to us.
	echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
	echo "postfix postfix/mailname string localhost" | debconf-set-selections
	echo "e2e/install.sh: installing ${missing[*]}" >&2
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends \
		-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
		"${missing[@]}" >/dev/null
fi

# The system-wide instances are not used; stop them if the packages started
# them (on machines without policy-rc.d blocking, or with systemd).
for svc in dovecot postfix postgresql; do
	if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then
		systemctl stop "$svc" || true
		systemctl disable "$svc" >/dev/null 2>&1 || true
	fi
done
if [ -r /run/dovecot/master.pid ] && kill -0 "$(cat /run/dovecot/master.pid)" 2>/dev/null; then
	doveadm stop >/dev/null 2>&1 || true
fi
if postfix status >/dev/null 2>&1; then
	postfix stop >/dev/null 2>&1 || true
fi
# The package's own cluster (started by its install where nothing blocks it).
if command -v pg_lsclusters >/dev/null 2>&1; then
	pg_lsclusters -h 2>/dev/null | awk '$4 == "online" { print $1, $2 }' | while read -r v c; do
		pg_ctlcluster "$v" "$c" stop >/dev/null 2>&1 || true
	done
fi

# With "No configuration" there is no /etc/postfix/main.cf, but postconf and
# "postfix -c DIR" read it (start.sh lists each DIR in its
# alternate_config_directories): write a minimal one.
if [ ! -s /etc/postfix/main.cf ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "e2e/install.sh: /etc/postfix/main.cf missing; run as root" >&2
		exit 1
	fi
	cat >/etc/postfix/main.cf <<'CF'
# Written by jobback e2e/install.sh ("No configuration" install).
compatibility_level = 3.6
CF
fi

echo "e2e/install.sh: dovecot $(dovecot --version 2>/dev/null | cut -d' ' -f1), postfix $(postconf -h mail_version 2>/dev/null), postgresql $(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)" >&2
