-- pgbench: the raw PostgreSQL equivalent of GET execution?by=function-section: the same figures computed by SQL from
-- the projected appropriation documents of the district-year.
select left(data ->> 'functionClass', 5) as section, sum((data ->> 'original')::numeric), sum((data ->> 'disbursed')::numeric),
       sum((data ->> 'reversed')::numeric)
from fundledger.appropriations where tenant_id = '110106' and year = 2020 group by 1 order by 1;
