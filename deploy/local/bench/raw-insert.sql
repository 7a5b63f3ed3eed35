-- pgbench: the raw PostgreSQL equivalent of one disbursement POST: one single-row INSERT transaction of a row with a
-- unique voucher and a jsonb body the size of the service's DisbursementRecorded event (about 300 bytes).
-- Variables: run (a number per run), lines (appropriations to spread over); n counts each client's transactions.
\set n :n + 1
insert into raw_disbursement (tenant_id, voucher, appropriation, amount, section, body)
values ('110106', :run::text || '-' || :client_id::text || '-' || :n::text, 'A' || (:n::bigint % :lines::int), 1.00, '20708',
  jsonb_build_object('voucherNo', :run::text || '-' || :client_id::text || '-' || :n::text, 'appropriationCode', 'A' || (:n::bigint % :lines::int), 'year', 2020,
    'amount', 1.00, 'paidOn', '2020-05-20', 'quarter', 2, 'costItem', '印刷费', 'payee', '北京某印刷有限公司', 'recordedBy', 'bench',
    'clientId', 'bench-client', 'recordedAt', '2020-05-20T08+00', 'overBudget', false, 'memo', null));
