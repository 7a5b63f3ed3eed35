#!/bin/sh
# Runs once, when the postgres container initialises an empty data volume (docker-entrypoint-initdb.d).
# Creates the two roles FundLedger uses and its database:
#   fundledger_owner  owns the database and the fundledger schema; only the `migrate` verb logs in as it (DDL).
#   fundledger_app    the service's login: data rights only, granted by `migrate --grant-to fundledger_app`.
# Local demo only: the passwords come from docker-compose.yml (overridable from the environment).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$FUNDLEDGER_OWNER_PASSWORD" -v app_password="$FUNDLEDGER_APP_PASSWORD" <<'SQL'
CREATE ROLE fundledger_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE fundledger_app LOGIN PASSWORD :'app_password';
CREATE DATABASE fundledger OWNER fundledger_owner;
REVOKE ALL ON DATABASE fundledger FROM PUBLIC;
GRANT CONNECT ON DATABASE fundledger TO fundledger_app;
SQL
