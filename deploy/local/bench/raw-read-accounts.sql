-- pgbench: the raw PostgreSQL equivalent of GET final-accounts?department=: the sums the nine tables are built from,
-- computed by SQL from the projected appropriation documents of the unit's year and the year before (the opening and
-- last-year columns), by kind, fund source, function class and economic class.
select year, data ->> 'kind', data ->> 'fundSource', data ->> 'functionClass', data ->> 'economicClass',
       sum((data ->> 'original')::numeric), sum((data ->> 'supplements')::numeric), sum((data ->> 'reductions')::numeric),
       sum((data ->> 'disbursed')::numeric), sum((data ->> 'reversed')::numeric), sum((data ->> 'carried')::numeric),
       sum((data ->> 'lapsed')::numeric)
from fundledger.appropriations
where tenant_id = '110108' and year in (2019, 2020) and data ->> 'departmentCode' = 'D001'
group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5;
