using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace FundLedger.Benchmarks;

/// <summary>
/// The physical limit on the same server: an equivalent disbursement row written and read with plain Npgsql,
/// no events, no projections, no HTTP.
/// </summary>
public sealed class RawPostgres(NpgsqlDataSource db)
{
    /// <summary>About the size of the service's DisbursementRecorded event body (~300 bytes of jsonb).</summary>
    public static string Body(string voucher, string appropriation) => JsonSerializer.Serialize(new
    {
        voucherNo = voucher, appropriationCode = appropriation, year = 2020, amount = "1234.56", paidOn = "2020-05-20",
        quarter = 2, costItem = "印刷费", payee = "北京某印刷有限公司", recordedBy = "bench", clientId = "bench-client",
        recordedAt = "2020-05-20T08:00:00+00:00", overBudget = false,
    });

    public async Task CreateAsync()
    {
        await using var c = db.CreateCommand("""
            drop table if exists raw_disbursement;
            create table raw_disbursement (tenant_id varchar not null, voucher varchar not null, appropriation varchar not null,
              amount numeric(18,2) not null, section varchar not null, body jsonb not null, recorded_at timestamptz not null default now(),
              primary key (tenant_id, voucher));
            """);
        await c.ExecuteNonQueryAsync();
    }

    public async Task<bool> InsertOneAsync(long n)
    {
        await using var c = db.CreateCommand("insert into raw_disbursement (tenant_id, voucher, appropriation, amount, section, body) values ($1, $2, $3, 1234.56, '20708', $4::jsonb)");
        var voucher = $"RAW-{n}";
        c.Parameters.Add(new() { Value = "110106" });
        c.Parameters.Add(new() { Value = voucher });
        c.Parameters.Add(new() { Value = $"A{n % 256:D5}" });
        c.Parameters.Add(new() { Value = Body(voucher, $"A{n % 256:D5}") });
        return await c.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>Binary COPY of <paramref name="rows"/> rows in one transaction: the fastest way PostgreSQL takes rows.</summary>
    public async Task CopyAsync(long from, int rows)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync("copy raw_disbursement (tenant_id, voucher, appropriation, amount, section, body) from stdin (format binary)");
        for (var n = from; n < from + rows; n++)
        {
            var voucher = $"COPY-{n}";
            await writer.StartRowAsync();
            await writer.WriteAsync("110106");
            await writer.WriteAsync(voucher);
            await writer.WriteAsync($"A{n % 256:D5}");
            await writer.WriteAsync(1234.56m, NpgsqlDbType.Numeric);
            await writer.WriteAsync("20708");
            await writer.WriteAsync(Body(voucher, $"A{n % 256:D5}"), NpgsqlDbType.Jsonb);
        }
        await writer.CompleteAsync();
    }

    /// <summary>The figures of GET execution?by=function-section, computed by SQL from the projected documents.</summary>
    public async Task<bool> ExecutionBySectionAsync(string district, int year)
    {
        await using var c = db.CreateCommand("""
            select left(data ->> 'functionClass', 5) as section,
                   sum((data ->> 'original')::numeric), sum((data ->> 'disbursed')::numeric), sum((data ->> 'reversed')::numeric)
            from fundledger.mt_doc_appropriation where tenant_id = $1 and year = $2 group by 1 order by 1
            """);
        c.Parameters.Add(new() { Value = district });
        c.Parameters.Add(new() { Value = year });
        await using var r = await c.ExecuteReaderAsync();
        var rows = 0;
        while (await r.ReadAsync()) rows++;
        return rows > 0;
    }

    /// <summary>The figures of GET appropriations/{code}: one projected document by key.</summary>
    public async Task<bool> AppropriationAsync(string district, string id)
    {
        await using var c = db.CreateCommand("select data from fundledger.mt_doc_appropriation where tenant_id = $1 and id = $2");
        c.Parameters.Add(new() { Value = district });
        c.Parameters.Add(new() { Value = id });
        return await c.ExecuteScalarAsync() is string;
    }
}
