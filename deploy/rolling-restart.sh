#!/usr/bin/env bash
# Restarts the Smart Union instances (smart-union@<port>) one at a time; each next one only once the one before
# answers GET /api/health/ready with 200, so nginx always has an instance to send requests to.
# Usage (root): deploy/rolling-restart.sh [port ...]   — default: every active smart-union@ instance.
set -euo pipefail
ready_timeout="${READY_TIMEOUT:-120}"
ports=("$@")
if [ "${#ports[@]}" -eq 0 ]; then
  mapfile -t ports < <(systemctl list-units --plain --no-legend --state=active 'smart-union@*.service' |
    awk '{print $1}' | sed -E 's/^smart-union@([0-9]+)\.service$/\1/')
fi
if [ "${#ports[@]}" -eq 0 ]; then
  echo "no active smart-union@ instance; for the single unit use: systemctl restart smart-union" >&2
  exit 1
fi
for port in "${ports[@]}"; do
  echo "restarting smart-union@${port}"
  systemctl restart "smart-union@${port}"
  waited=0
  until curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:${port}/api/health/ready"; do
    if [ "$waited" -ge "$ready_timeout" ]; then
      echo "smart-union@${port} is not ready after ${ready_timeout} s: stopping here, the other instances keep serving" >&2
      echo "see: journalctl -u smart-union@${port} -n 100" >&2
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  echo "smart-union@${port} ready after ${waited} s"
done
