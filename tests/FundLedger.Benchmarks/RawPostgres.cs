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

    /// <summary>Binary COPY of <paramref name="rows"/> rows in one transaction: the fastest way PostgreSQL takes rows.</summary>
    public async Task CopyAsync(long from, int rows)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(
            "copy raw_disbursement (tenant_id, voucher, appropriation, amount, section, body) from stdin (format binary)");
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
}
