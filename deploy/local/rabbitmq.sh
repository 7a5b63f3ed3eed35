#!/usr/bin/env bash
# Sourced by run.sh and test.sh: a private RabbitMQ broker for this checkout, from Debian's rabbitmq-server package,
# on its own node name, ports and data directory (installed with apt when missing). As root, the broker runs as the
# rabbitmq user. The integration events (services/FundLedger.Api/Integration) are published to it.
# Sourced: the caller chooses its shell options.

FUNDLEDGER_AMQPPORT="${FUNDLEDGER_AMQPPORT:-56720}"
# Outside the checkout, like PostgreSQL's: the rabbitmq user must reach it.
FUNDLEDGER_RABBITHOME="${FUNDLEDGER_RABBITHOME:-/tmp/fundledger-rabbitmq-${FUNDLEDGER_AMQPPORT}}"
# A local development default only: production takes its broker address from configuration (RabbitMq:Uri).
FUNDLEDGER_AMQPUSER=fundledger
FUNDLEDGER_AMQPPASSWORD=fundledger-local-dev

rabbit_install() {
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] && return
  echo "rabbitmq: installing Debian's rabbitmq-server package" >&2
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  # The package's own system instance is not wanted (policy-rc.d refuses it where there is no init system).
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq rabbitmq-server >&2
}

as_rabbit() {
  if [ "$(id -u)" = 0 ]; then runuser -u rabbitmq -- env "$@"; else env "$@"; fi
}

# The environment that names this checkout's node: every rabbitmq command is run with it.
rabbit_env() {
  echo "HOME=$FUNDLEDGER_RABBITHOME" \
    "RABBITMQ_NODENAME=fundledger-${FUNDLEDGER_AMQPPORT}@localhost" \
    "RABBITMQ_NODE_PORT=$FUNDLEDGER_AMQPPORT" \
    "RABBITMQ_DIST_PORT=$((FUNDLEDGER_AMQPPORT + 1))" \
    "ERL_EPMD_PORT=$((FUNDLEDGER_AMQPPORT + 2))" \
    "RABBITMQ_MNESIA_BASE=$FUNDLEDGER_RABBITHOME/mnesia" \
    "RABBITMQ_LOG_BASE=$FUNDLEDGER_RABBITHOME/log" \
    "RABBITMQ_CONFIG_FILE=$FUNDLEDGER_RABBITHOME/rabbitmq" \
    "RABBITMQ_ENABLED_PLUGINS_FILE=$FUNDLEDGER_RABBITHOME/enabled_plugins" \
    "RABBITMQ_PID_FILE=$FUNDLEDGER_RABBITHOME/broker.pid"
}

rabbitctl() {
  # shellcheck disable=SC2046 # rabbit_env's words are separate assignments
  as_rabbit $(rabbit_env) /usr/lib/rabbitmq/bin/rabbitmqctl "$@"
}

rabbit_running() {
  rabbitctl -q status >/dev/null 2>&1
}

rabbit_up() {
  rabbit_install
  mkdir -p "$FUNDLEDGER_RABBITHOME/mnesia" "$FUNDLEDGER_RABBITHOME/log"
  if [ ! -f "$FUNDLEDGER_RABBITHOME/rabbitmq.conf" ]; then
    printf 'listeners.tcp.default = 127.0.0.1:%s\nloopback_users = none\n' "$FUNDLEDGER_AMQPPORT" > "$FUNDLEDGER_RABBITHOME/rabbitmq.conf"
    echo '[].' > "$FUNDLEDGER_RABBITHOME/enabled_plugins"
  fi
  # The Erlang cookie the node and rabbitmqctl share, private to this broker's home.
  [ -f "$FUNDLEDGER_RABBITHOME/.erlang.cookie" ] ||
    { head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$FUNDLEDGER_RABBITHOME/.erlang.cookie"; }
  chmod 600 "$FUNDLEDGER_RABBITHOME/.erlang.cookie"
  [ "$(id -u)" = 0 ] && chown -R rabbitmq:rabbitmq "$FUNDLEDGER_RABBITHOME"
  if ! rabbit_running; then
    # shellcheck disable=SC2046
    as_rabbit $(rabbit_env) /usr/lib/rabbitmq/bin/rabbitmq-server -detached >/dev/null 2>&1
    # rabbitmqctl's own wait: returns once the node has booted (or fails after its timeout).
    rabbitctl -q wait --timeout 60 "$FUNDLEDGER_RABBITHOME/broker.pid" >/dev/null
  fi
  rabbitctl -q list_users 2>/dev/null | grep -q "^$FUNDLEDGER_AMQPUSER\b" || {
    rabbitctl -q add_user "$FUNDLEDGER_AMQPUSER" "$FUNDLEDGER_AMQPPASSWORD" >/dev/null
    rabbitctl -q set_permissions -p / "$FUNDLEDGER_AMQPUSER" '.*' '.*' '.*' >/dev/null
  }
  # The package's default guest/guest account is not wanted on a broker that accepts more than loopback logins.
  rabbitctl -q delete_user guest >/dev/null 2>&1 || true
}

rabbit_stop() {
  if rabbit_running; then rabbitctl -q stop >/dev/null 2>&1 || true; fi
}

rabbit_uri() {
  echo "amqp://$FUNDLEDGER_AMQPUSER:$FUNDLEDGER_AMQPPASSWORD@127.0.0.1:$FUNDLEDGER_AMQPPORT"
}
