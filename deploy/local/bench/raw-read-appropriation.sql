-- pgbench: the raw PostgreSQL equivalent of GET appropriations/{code}: one projected document by key.
\set n random(0, :lines - 1)
select data from fundledger.appropriations where tenant_id = '110106' and id = '2020/A' || lpad(:n::text, 5, '0');
