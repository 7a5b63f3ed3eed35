using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FundLedger.Hosting;

/// <summary>
/// The README's examples as request samples of the OpenAPI document (<c>x-codeSamples</c>, which the reference at /docs
/// shows next to each operation). <c>$TOKEN</c> is the token <c>deploy/local/run.sh</c> prints.
/// </summary>
public static class ApiSamples
{
    private const string B = "http://127.0.0.1:5080/api/v1/districts/110106/years/2021";
    private const string Y2020 = "http://127.0.0.1:5080/api/v1/districts/110106/years/2020";
    private const string Auth = "-H \"Authorization: Bearer $TOKEN\"";
    private const string Json = "-H 'Content-Type: application/json'";

    private static readonly IReadOnlyDictionary<string, string> ByOperation = new Dictionary<string, string>
    {
        ["EnactAppropriation"] = $$"""
            curl -s {{Auth}} -X POST {{B}}/appropriations {{Json}} -d '{
              "code": "P-KHD", "name": "“北京丰台”客户端推广项目",
              "department": {"code": "110106001", "name": "北京市丰台区融媒体中心"},
              "kind": "project", "functionClass": "2070899", "fundSource": "general-budget",
              "originalAmount": "1220000.00", "enactedOn": "2020-12-31"}'
            """,
        ["RecordDisbursement"] = $$"""
            curl -s {{Auth}} -X POST {{B}}/appropriations/P-KHD/disbursements {{Json}} \
              -d '{"voucherNo": "GK2021-KHD-01", "amount": "1216500.00", "paidOn": "2021-11-20", "costItem": "推广费"}'
            """,
        ["AdjustAppropriation"] = $$"""
            curl -s {{Auth}} -X POST {{B}}/appropriations/P-KHD/adjustments {{Json}} \
              -d '{"adjustmentId": "ZJ-KHD-1", "type": "supplement", "amount": "10000.00",
                  "reason": "追加 推广费", "effectiveOn": "2021-12-01"}'
            """,
        ["RecordDisbursementBatch"] = $$"""
            curl -s {{Auth}} -X POST {{B}}/disbursements:batch {{Json}} -d '{"items": [
              {"appropriationCode": "P-KHD", "voucherNo": "GK2021-KHD-04", "amount": "2000.00", "paidOn": "2021-12-10"},
              {"appropriationCode": "P-KHD", "voucherNo": "GK2021-KHD-05", "amount": "99999.00", "paidOn": "2021-12-10"}]}'
            """,
        ["ReverseDisbursement"] = $$"""
            curl -s {{Auth}} -X POST {{B}}/disbursements/GK2021-KHD-04/reversal {{Json}} \
              -d '{"amount": "500.00", "reason": "退回多付款", "reversedOn": "2021-12-15", "reversalId": "CX-KHD-1"}'
            """,
        ["SignProcurementContract"] = $$"""
            curl -s {{Auth}} -X POST {{B}}/procurement-contracts {{Json}} -d '{
              "contractNo": "CG2021-001", "department": {"code": "110106001", "name": "北京市丰台区融媒体中心"},
              "category": "services", "supplier": {"name": "北京某传媒有限公司", "size": "small"},
              "amount": "580000.00", "signedOn": "2021-03-01", "subject": "客户端推广服务"}'
            """,
        ["DistributeSurplus"] = $$"""
            # 结余分配 is of non-fiscal money: a line of the unit's 事业收入, then part of what it leaves distributed.
            curl -s {{Auth}} -X POST {{B}}/appropriations {{Json}} -d '{
              "code": "SY-2021", "name": "事业收入安排的项目",
              "department": {"code": "110106001", "name": "北京市丰台区融媒体中心"},
              "kind": "project", "functionClass": "2070899", "fundSource": "business",
              "originalAmount": "200000.00", "enactedOn": "2021-01-01"}'
            curl -s {{Auth}} -X POST {{B}}/appropriations/SY-2021/surplus-distributions {{Json}} \
              -d '{"distributionId": "FP-2021-1", "kind": "welfare-fund", "amount": "20000.00",
                  "reason": "按规定提取职工福利基金", "distributedOn": "2021-12-31"}'
            """,
        ["GetProcurement"] = $"curl -s {Auth} \"{Y2020}/procurement?department=110106001&basis=payments\"",
        ["GetThreePublicExpenses"] = $"curl -s {Auth} \"{Y2020}/three-public-expenses?department=110106001\"",
        ["GetFinalAccounts"] = $"curl -s {Auth} \"{Y2020}/final-accounts?department=110106001&format=xlsx\" -o final-accounts-2020.xlsx",
        ["ListAppropriations"] = $"curl -s {Auth} \"{B}/appropriations?sort=rate&order=desc&limit=20\"",
        ["GetAppropriation"] = $"curl -s {Auth} {B}/appropriations/P-KHD",
        ["GetExecution"] = $"curl -s {Auth} \"{B}/execution?by=function-section\"",
        ["GetVariance"] = $"curl -s {Auth} \"{Y2020}/variance?level=section&lang=zh\"",
        ["GetYearOverYear"] = $"curl -s {Auth} \"{Y2020}/year-over-year\"",
        ["GetDepartmentReport"] = $"curl -s {Auth} \"{Y2020}/report?department=110106001&format=markdown\"",
        ["CloseYear"] = $"curl -s {Auth} -X POST \"{B}/close?dryRun=true\"",
        ["CarryForward"] = $$"""
            curl -s {{Auth}} -X POST {{B}}/carry-forwards {{Json}} \
              -d '{"appropriationCode": "P21-01", "amount": "100000.00", "kind": "unit-retained", "reason": "合同尾款结转"}'
            """,
        ["GetPerformanceSummary"] = $"curl -s {Auth} \"{Y2020}/performance?lang=zh\"",
        ["GetProjectPerformance"] = $"curl -s {Auth} \"{Y2020}/appropriations/P01/performance?format=markdown\"",
        ["SetPerformanceGoals"] = $$"""
            curl -s {{Auth}} -X POST {{B}}/appropriations/P-KHD/performance/goals {{Json}} -d '{
              "revision": 1, "overallGoal": "拓展客户端用户群体", "setOn": "2020-12-31", "reason": "随预算批复",
              "indicators": [
                {"code": "Q1", "category": "quantity", "name": "原创内容日更", "target": "3条", "direction": "positive",
                 "targetValue": 3, "unit": "条", "weight": 60},
                {"code": "S1", "category": "satisfaction", "name": "用户满意度", "target": "≥90%",
                 "direction": "qualitative", "weight": 30}]}'
            """,
        ["GetAuditEvents"] = "curl -s " + Auth + " \"http://127.0.0.1:5080/api/v1/districts/110106/audit/events?limit=3\"",
        ["VerifyAudit"] = "curl -s " + Auth + " http://127.0.0.1:5080/api/v1/districts/110106/audit/verify",
        ["GetAuditBundle"] =
            "curl -s " + Auth + " \"http://127.0.0.1:5080/api/v1/districts/110106/audit/bundle?year=2020\" > bundle-2020.json",
        ["StreamLedgerEvents"] = "curl -sN " + Auth + " http://127.0.0.1:5080/api/v1/districts/110106/live",
        ["ListFiscalYears"] = "curl -s " + Auth + " http://127.0.0.1:5080/api/v1/districts/110106/years",
        ["GetFunctionClassification"] =
            "curl -s " + Auth + " http://127.0.0.1:5080/api/v1/districts/110106/years/2020/classifications/function",
        ["LoadFunctionClassification"] = "curl -s " + Auth + " -X POST " +
            "http://127.0.0.1:5080/api/v1/districts/110106/years/2022/classifications/function -H 'Content-Type: application/json' " +
            """
            -d '{"listId": "MOF-2022-207", "source": "财政部《2022年政府收支分类科目》",
              "codes": [{"code": "207", "name": "文化旅游体育与传媒支出"}, {"code": "20708", "name": "广播电视"},
                        {"code": "2070899", "name": "其他广播电视支出"}]}'
            """,
    };

    public static Task Add(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (operation.OperationId is { } id && ByOperation.TryGetValue(id, out var source))
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-codeSamples"] = new JsonNodeExtension(new JsonArray(new JsonObject
            {
                ["lang"] = "Shell", ["label"] = "curl", ["source"] = source,
            }));
        }
        return Task.CompletedTask;
    }
}
