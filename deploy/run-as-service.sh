#!/usr/bin/env bash
# Runs a command in the installed release as the service user, with the service's environment — for maintenance:
#   /opt/smart-union/current/deploy/run-as-service.sh npm run audit:verify
#   /opt/smart-union/current/deploy/run-as-service.sh npm run restore -- FILE --data-dir DIR
# (root only; SMART_UNION_ENV, SMART_UNION_USER and SMART_UNION_HOME change the defaults below).
set -euo pipefail
env_file="${SMART_UNION_ENV:-/etc/smart-union/env}"
user="${SMART_UNION_USER:-smart-union}"
home="${SMART_UNION_HOME:-/var/lib/smart-union}"
cd "$(dirname "$(readlink -f "$0")")/.."
# shellcheck disable=SC2016 # expanded by the inner bash, as the service user
exec runuser -u "$user" -- env HOME="$home" ENV_FILE="$env_file" NPM_CONFIG_UPDATE_NOTIFIER=false \
  bash -c 'set -a; . "$ENV_FILE"; set +a; unset ENV_FILE; exec "$@"' bash "$@"
