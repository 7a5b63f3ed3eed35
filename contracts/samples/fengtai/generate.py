#!/usr/bin/env python3
"""Writes the Fengtai Media Center dataset as the HTTP requests a district finance system would send.

Every amount is in 元 and chosen so that the published 万元 figures and execution rates of the 2020 final
accounts (丰台区融媒体中心 2020 年度部门决算) come out of the service; README.md beside this file states each
assumption. Run: python3 generate.py  (writes 2018.requests … 2021.requests).
"""
import json
from decimal import Decimal as D

DEPT = {"code": "110106001", "name": "北京市丰台区融媒体中心"}


def post(lines, path, body):
    lines.append(f"POST {path} " + json.dumps(body, ensure_ascii=False, separators=(",", ":")))


def enact(lines, year, code, name, kind, function_class, original, project=None, fund="general-budget", economic=None):
    body = {"code": code, "name": name, "department": DEPT, "kind": kind, "functionClass": function_class,
            "fundSource": fund, "originalAmount": str(original), "document": f"丰财预〔{year}〕1号", "enactedOn": f"{year - 1}-12-31"}
    if project:
        body["projectCode"] = project
    if economic:
        body["economicClass"] = economic
    if (year, code) in CLASS_BUDGETS:
        body["economicBudgets"] = [{"economicClass": c, "amount": a} for c, a in CLASS_BUDGETS[(year, code)]]
    post(lines, f"/years/{year}/appropriations", body)
    for n, (source, target, amount, reason) in enumerate(CLASS_SHIFTS.get((year, code), []), start=1):
        post(lines, f"/years/{year}/appropriations/{code}/economic-budget-shifts",
             {"shiftId": f"TJ{year}-{code}-{n}", "fromClass": source, "toClass": target, "amount": amount, "reason": reason,
              "effectiveOn": f"{year}-11-30"})


# “三公”经费 (第三部分 一, README assumption 13): its 年初预算 is budgeted by 款 within 机构运转经费 (公务接待费 1.02, 公务用车运行维护费
# 5.40); what was not spent on them moved by 调剂 to 其他商品和服务支出 with the reasons the report gives; the upkeep paid (1.40)
# is part of the line's Q4 payment, by kind (维修 0.18, 保险 0.88, 其他 0.34).
CLASS_BUDGETS = {(2020, "B20-04"): [("30217", "10200.00"), ("30231", "54000.00")]}
CLASS_SHIFTS = {(2020, "B20-04"): [("30217", "30299", "10200.00", "严格公务接待管理，减少业务性接待支出"),
                                   ("30231", "30299", "40000.00", "严格公车使用管理，减少公车不必要支出")]}
DETAILS = {"GK2020-B20-04-Q4": [("-V1", D("1800.00"), {"economicClass": "30231", "vehicleExpense": "repair"}),
                                ("-V2", D("8800.00"), {"economicClass": "30231", "vehicleExpense": "insurance"}),
                                ("-V3", D("3400.00"), {"economicClass": "30231"})]}


def adjust(lines, year, code, adjustment_id, kind, amount, reason, on):
    body = {"adjustmentId": adjustment_id, "type": kind, "amount": str(amount), "reason": reason, "effectiveOn": on}
    # The report does not say what these were for: the reason is a placeholder, kept but never printed (README, assumption 14).
    if "决算说明未列明" in reason:
        body["placeholderReason"] = True
    post(lines, f"/years/{year}/appropriations/{code}/adjustments", body)


# 政府采购 (第三部分 三): the payments made under each contract, by voucher; a voucher split here becomes payments of its
# own under their contracts (suffix, amount, contract), the rest staying on the voucher (README.md, assumption 11).
CONTRACT_OF = {}
SPLITS = {}


def pay(lines, year, code, voucher, amount, on, cost_item=None, details=None):
    for suffix, part, contract in SPLITS.get(voucher, []):
        CONTRACT_OF[voucher + suffix] = contract
        pay(lines, year, code, voucher + suffix, part, on, cost_item)
        amount -= part
    for suffix, part, extra in DETAILS.get(voucher, []):
        pay(lines, year, code, voucher + suffix, part, on, cost_item, extra)
        amount -= part
    body = {"voucherNo": voucher, "amount": str(amount), "paidOn": on, **(details or {})}
    if cost_item:
        body["costItem"] = cost_item
    if voucher in CONTRACT_OF:
        body["contractNo"] = CONTRACT_OF[voucher]
    post(lines, f"/years/{year}/appropriations/{code}/disbursements", body)


QUARTER_ENDS = ["03-31", "06-30", "09-30", "12-15"]


def pay_quarterly(lines, year, code, total, prefix):
    """Spreads a yearly total over the four quarter ends, the remainder in Q4, exact to the 分."""
    quarter = (total / 4).quantize(D("0.01"))
    amounts = [quarter, quarter, quarter, total - 3 * quarter]
    for q, amount in enumerate(amounts):
        if amount > 0:
            pay(lines, year, code, f"{prefix}-Q{q + 1}", amount, f"{year}-{QUARTER_ENDS[q]}")


# ---- 2020
y2020 = ["# 2020: the procurement contracts, the 14 evaluated projects, the basic lines, the year-end carry-forwards, the unit's "
         "facts and the close."]
contracts_2020 = [
    # contract, category, supplier, size, amount, signed on, subject, the vouchers paid under it
    ("CG2020-S01", "services", "北京某网络科技有限公司", "large", D("1216500.00"), "2020-01-10", "“北京丰台”客户端推广服务",
     [f"GK2020-P02-Q{q}" for q in range(1, 5)]),
    ("CG2020-S02", "services", "北京某通信有限公司", "large", D("450000.00"), "2020-01-10", "互联网接入服务（2020年1–9月）",
     [f"GK2020-P08-Q{q}" for q in range(1, 4)]),
    ("CG2020-S03", "services", "北京某信息技术有限公司", "large", D("35330.00"), "2020-02-20", "政务微信建设与维护服务", []),
    ("CG2020-G01", "goods", "北京某电子设备经营部", "small", D("5800.00"), "2020-03-02", "专业设备（摄像配件）", []),
    ("CG2020-G02", "goods", "北京某科技股份有限公司", "large", D("2149.00"), "2020-03-02", "专业设备（存储介质）", []),
]
SPLITS["GK2020-B20-05-Q1"] = [("C", D("35330.00"), "CG2020-S03")]
SPLITS["GK2020-B20-06-Q1"] = [("A", D("5800.00"), "CG2020-G01"), ("B", D("2149.00"), "CG2020-G02")]
for no, category, supplier, size, amount, signed, subject, vouchers in contracts_2020:
    post(y2020, "/years/2020/procurement-contracts", {
        "contractNo": no, "department": DEPT, "category": category, "supplier": {"name": supplier, "size": size},
        "amount": str(amount), "signedOn": signed, "subject": subject})
    CONTRACT_OF.update({v: no for v in vouchers})
projects = [
    # code, name, function item, original, adjusted-by (supplement +/reduction −, reason), executed, fund source
    ("P01", "《丰台报》相关费用", "2070899", D("3220600.00"), None, None, "general-budget"),
    ("P02", "“北京丰台”客户端推广项目", "2070899", D("1220000.00"), None, D("1216500.00"), "general-budget"),
    ("P03", "奥运大屏运维费", "2070199", D("710000.00"), None, D("707900.00"), "general-budget"),
    ("P04", "部门运转聘用人员经费", "2070899", D("102000.00"), None, D("85578.00"), "general-budget"),
    ("P05", "丰台区融媒体中心建设项目（一期）", "2070199", D("20000000.00"), None, D("0"), "general-budget"),
    ("P06", "丰台区域文化融媒体宣传项目", "2070899", D("1170000.00"), None, D("1093189.00"), "general-budget"),
    ("P07", "公益广告专项扶持资金", "2070199", D("0"), (D("100000.00"), "追加 公益广告专项扶持资金"), D("97000.00"), "general-budget"),
    ("P08", "互联网接入服务费", "2070899", D("600000.00"), None, D("600000.00"), "general-budget"),
    ("P09", "基层党组织党建活动经费", "2013202", D("21600.00"), None, D("21600.00"), "general-budget"),
    ("P10", "媒体融合发展扶持资金", "2070899", D("0"), (D("100000.00"), "追加 媒体融合发展扶持资金"), D("100000.00"), "other"),
    ("P11", "聘用人员保障经费", "2070899", D("4235900.00"), (D("-500000.00"), "收回 聘用人员保障经费"), D("3457000.00"), "general-budget"),
    ("P12", "融媒体学院培训费", "2070899", D("110000.00"), None, D("109939.00"), "general-budget"),
    ("P13", "新媒体业务运维项目", "2070899", D("20000.00"), None, D("17486.00"), "general-budget"),
    ("P14", "专用设备运维费", "2070899", D("149300.00"), None, D("148247.00"), "general-budget"),
]
# Each project's 部门预算支出经济分类 (the report prints none: see README.md, "Assumptions"): a 款 where the project buys one kind
# of thing, the 类 where it buys several (《丰台报》's printing, delivery and fees are all 302).
project_economic = {
    "P01": "302", "P02": "30227", "P03": "30213", "P04": "30226", "P05": "310", "P06": "30227", "P07": "30227",
    "P08": "30207", "P09": "30299", "P10": "30227", "P11": "30226", "P12": "30216", "P13": "30213", "P14": "30213",
    "P19-QJ": "310",
}
# 《丰台报》: the seed's quarterly table by cost item (元).
ftb = {
    "后期制作费": ["129920", "106720", "120640", "111360"],
    "印刷费": ["390600", "334800", "362700", "334800"],
    "投递费": ["341585.15", "220699.65", "181001.6", "167078.4"],
    "数字报": ["25000", "0", "10000", "0"],
    "稿费": ["27600", "10360", "15120", "4280"],
    "招标代理费": ["14579.85", "0", "0", "0"],
}
for code, name, item, original, adjustment, _, fund in projects:
    enact(y2020, 2020, code, name, "project", item, original, project=f"FT-{code}", fund=fund, economic=project_economic[code])
    if adjustment:
        amount, reason = adjustment
        adjust(y2020, 2020, code, f"TZ2020-{code}", "supplement" if amount > 0 else "reduction", abs(amount), reason, "2020-06-30")
for i, (item, quarters) in enumerate(ftb.items(), start=1):
    for q, amount in enumerate(quarters):
        if D(amount) > 0:
            pay(y2020, 2020, "P01", f"GK2020-P01-{i}{q + 1}", D(amount).quantize(D("0.01")), f"2020-{QUARTER_ENDS[q]}", item)
for code, _, _, _, _, executed, _ in projects:
    if executed:
        pay_quarterly(y2020, 2020, code, executed, f"GK2020-{code}")

basic = [
    # code, name, function item, original, [(amount, reason)], economic class
    ("B20-04", "机构运转经费", "2070801", D("500500.00"), [], "302"),
    ("B20-05", "政务微信建设与维护服务", "2070801", D("190000.00"), [], "302"),
    ("B20-06", "专业设备购置", "2070801", D("74000.00"), [], "310"),
    ("B20-01", "人员及运转经费", "2070801", D("5045300.00"), [
        (D("1766000.00"), "追加 未规范在职人员经费（工资）"), (D("951300.00"), "追加 重大活动一次性奖励"),
        (D("26000.00"), "追加 未规范离退休人员经费"), (D("20200.00"), "追加 核增一次性绩效工资"),
        (D("5000.00"), "追加 2019年度平安建设奖"), (D("3274900.00"), "追加 基本支出其他追加（决算说明未列明）")], "301"),
    ("B20-02", "机关事业单位养老保险缴费", "2080505", D("2862600.00"), [
        (D("193800.00"), "追加 未规范在职人员经费（职业年金）"), (D("90000.00"), "追加 未规范在职人员经费（养老保险）"),
        (D("30900.00"), "追加 规范在职人员经费（职业年金）"), (D("26000.00"), "追加 未规范离退休人员经费"),
        (D("35500.00"), "追加 其他养老缴费追加（决算说明未列明）"),
        (D("-339800.00"), "收回 未规范在职人员经费（养老保险）"), (D("-215700.00"), "收回 规范在职人员经费（养老保险）"),
        (D("-169900.00"), "收回 未规范在职人员经费（职业年金）"), (D("-107900.00"), "收回 规范在职人员经费（职业年金）")], "301"),
    ("B20-03", "住房改革支出", "2210201", D("3314700.00"), [
        (D("135900.00"), "追加 住房补贴"), (D("71800.00"), "追加 住房公积金"),
        (D("-148700.00"), "收回 住房公积金"), (D("-34100.00"), "收回 住房补贴")], "303"),
]
for code, name, item, original, adjustments, economic in basic:
    enact(y2020, 2020, code, name, "basic", item, original, economic=economic)
    for n, (amount, reason) in enumerate(adjustments, start=1):
        adjust(y2020, 2020, code, f"TZ2020-{code}-{n}", "supplement" if amount > 0 else "reduction", abs(amount), reason,
               "2020-06-30" if amount > 0 else "2020-11-30")
    pay_quarterly(y2020, 2020, code, original + sum(a for a, _ in adjustments), f"GK2020-{code}")
pay_quarterly(y2020, 2020, "B20-00", D("5707000.00"), "GK2020-B00")

post(y2020, "/years/2020/carry-forwards", {"appropriationCode": "P05", "amount": "20000000.00", "kind": "treasury-returnable",
                                           "reason": "项目未完工，作为财政应返还额度结转", "targetCode": "P21-JZ01",
                                           "carriedOn": "2020-12-31"})
post(y2020, "/years/2020/carry-forwards", {"appropriationCode": "P01", "amount": "311755.35", "kind": "unit-retained",
                                           "reason": "合同尾款结转", "targetCode": "P21-JZ02", "carriedOn": "2020-12-31"})
post(y2020, "/years/2020/carry-forwards", {"appropriationCode": "P11", "amount": "131344.65", "kind": "unit-retained",
                                           "reason": "人员经费结转", "targetCode": "P21-JZ03", "carriedOn": "2020-12-31"})
# 第二部分 一 基本情况 and the counts 第三部分 reports (四、国有资产占用情况; 五、政府购买服务), as the unit's recorded facts.
y2020.append("PUT /years/2020/departments/110106001/profile " + json.dumps({
    "unitType": "institution",
    "duties": ["宣传党和国家的路线、方针、政策和法律、法规，引导群众、服务群众，发挥舆论导向作用。",
               "负责统筹本区媒体融合发展，推动融媒体宣传工作体系建设。负责本区融媒体宣传报道和相关信息服务。负责本区融媒体宣传队伍建设，"
               "指导协调各街道（地区）、乡镇、部门开展融媒体宣传工作。",
               "负责与中央、市级相关新闻单位开展融媒体业务交流与合作。",
               "贯彻落实广播电视行业技术标准，保障广播电视节目的安全播出。"],
    "staffing": {"administrativeQuota": 0, "administrativeActual": 0, "institutionalQuota": 77, "institutionalActual": 69,
                 "retired": 32},
    "vehicles": {"count": 3, "value": "571400.00"}, "generalEquipmentOver500k": 4, "specialEquipmentOver1m": 0,
    "purchasedServices": "0.00", "effectiveOn": "2020-12-31", "reason": "2020年度部门决算 第二部分 一、第三部分 四、五",
}, ensure_ascii=False, separators=(",", ":")))
y2020.append("POST /years/2020/close")

# ---- 2019, derived from 2020: each line's 2019 value (adjusted − lapsed, 财政拨款 it received) is its 2020
# value less the change the report states (三、财政拨款收入支出决算总体情况说明). Lines match by project code, or by name.
lapsed_2020 = {"P02": D("3500"), "P03": D("2100"), "P04": D("16422"), "P06": D("76811"), "P07": D("3000"),
               "P11": D("147555.35"), "P12": D("61"), "P13": D("2514"), "P14": D("1053")}
published_change = {  # 万元, from the report
    "P05": D("2000.00"), "B20-04": D("50.05"), "B20-05": D("19.00"), "B20-06": D("7.40"),            # 新增
    "P09": D("0.38"), "P03": D("64.49"), "P04": D("2.80"), "P02": D("75.73"), "P06": D("7.15"), "P12": D("6.94"),  # 增加
    "P11": D("-17.67"), "P07": D("-11.67"), "P13": D("-0.24"), "P14": D("-4.19"), "P01": D("-20.12"),  # 减少
    # Not itemised in the report (its list ends in 等): the rest of the +1383.91, put on the staff line.
    "B20-01": D("215.72"),
}
value_2020 = {code: original + (adj[0] if adj else 0) - lapsed_2020.get(code, 0)
              for code, _, _, original, adj, _, fund in projects if fund == "general-budget"}
for code, _, _, original, adjustments, _ in basic:
    value_2020[code] = original + sum(a for a, _ in adjustments)
y2019 = ["# 2019: derived from 2020 and the year-over-year changes the report states; see README.md."]
for code, name, item, _, _, _, fund in projects:
    if fund != "general-budget" or code in ("P05", "P10"):
        continue
    value = value_2020[code] - published_change.get(code, D(0)) * 10000
    enact(y2019, 2019, code, name, "project", item, value, project=f"FT-{code}", economic=project_economic[code])
    pay_quarterly(y2019, 2019, code, value, f"GK2019-{code}")
# 2019's own money is the 3809.16 the report implies (4860.47 − 1051.31); the rest of its 财政拨款收、支总计 4037.26 is the
# opening balance 228.10, carried from 2018 on the housing line (README.md, assumption 8). 2019 spends the 2989.94 implied
# (3386.86 − 396.92): the staff line leaves 476.62, carried into 2020 and recovered there as 调整年初结转和结余.
OPENING_2019 = {"B20-03": D("2281000.00")}
RECOVERED_2020 = {"B20-01": D("4766200.00")}
for code, name, item, _, _, economic in basic:
    if code in ("B20-04", "B20-05", "B20-06"):
        continue
    value = value_2020[code] - published_change.get(code, D(0)) * 10000 - OPENING_2019.get(code, D(0))
    enact(y2019, 2019, code, name, "basic", item, value, economic=economic)
    pay_quarterly(y2019, 2019, code, value - RECOVERED_2020.get(code, D(0)), f"GK2019-{code}")
    if code in OPENING_2019:
        # The carried-over line is named as the line it came from, so the year over year counts the two as one.
        pay_quarterly(y2019, 2019, f"{code}-JZ2018", OPENING_2019[code], f"GK2019-{code}-JZ")
    if code in RECOVERED_2020:
        post(y2019, "/years/2019/carry-forwards", {"appropriationCode": code, "amount": str(RECOVERED_2020[code]),
                                                   "kind": "treasury-returnable", "reason": "人员经费结转",
                                                   "targetCode": f"{code}-JZ2019", "carriedOn": "2019-12-31"})
# 区级融媒体中心建设 ran in 2019 only: 减少 1011.86.
enact(y2019, 2019, "P19-QJ", "区级融媒体中心建设", "project", "2070199", D("10118600.00"), project="FT-QJ",
      economic=project_economic["P19-QJ"])
pay_quarterly(y2019, 2019, "P19-QJ", D("10118600.00"), "GK2019-QJ")
# The basic money carried into 2020 (2020 年初结转和结余 570.70): enacted late in 2019, paid in 2020.
enact(y2019, 2019, "B19-JZ", "基本支出（人员经费结转）", "basic", "2070801", D("5707000.00"), economic="301")
post(y2019, "/years/2019/carry-forwards", {"appropriationCode": "B19-JZ", "amount": "5707000.00", "kind": "unit-retained",
                                           "reason": "人员经费结转", "targetCode": "B20-00", "carriedOn": "2019-12-31"})

# ---- 2018: only the balance 2019 opened with (README.md, assumption 8), carried and closed.
y2018 = ["# 2018: only the housing money 2019 opened with (228.10), carried into 2019; see README.md."]
enact(y2018, 2018, "B20-03", "住房改革支出", "basic", "2210201", OPENING_2019["B20-03"], economic="303")
post(y2018, "/years/2018/carry-forwards", {"appropriationCode": "B20-03", "amount": str(OPENING_2019["B20-03"]),
                                           "kind": "unit-retained", "reason": "住房公积金结转", "targetCode": "B20-03-JZ2018",
                                           "carriedOn": "2018-12-31"})
y2018.append("POST /years/2018/close")
# The 476.62 2019 carried on the staff line, taken back by the treasury before 2020 used it: 调整年初结转和结余.
y2020.insert(1, "POST /years/2020/appropriations/B20-01-JZ2019/opening-adjustments " + json.dumps({
    "adjustmentId": "TZNC2020-01", "type": "decrease", "amount": str(RECOVERED_2020["B20-01"]), "reason": "财政收回上年结转资金",
    "document": "丰财预〔2020〕1号", "effectiveOn": "2020-01-15"}, ensure_ascii=False, separators=(",", ":")))

y2021 = ["# 2021 opening: 2020's carry-forwards already created the carried-over lines (P21-JZ01..03); one new line."]
enact(y2021, 2021, "P21-01", "《丰台报》相关费用", "project", "2070899", D("3220600.00"), project="FT2021-P01",
      economic=project_economic["P01"])

for year, lines in ((2018, y2018), (2019, y2019), (2020, y2020), (2021, y2021)):
    with open(f"{year}.requests", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
