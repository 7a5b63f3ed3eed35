#!/usr/bin/env python3
"""Transcribes the fourteen 项目支出绩效自评表 of the Fengtai 2020 final accounts (seed, 第四部分) into the HTTP requests a
district finance system would send: the goals of each project appropriation, then its evaluation.

Run: python3 performance.py [path to the seed]  (writes 2020_performance.requests; loaded after 2020.requests, which
closes 2020). Every choice the published tables leave open is made by a rule below and listed in README.md.
"""
import json
import re
import sys
from decimal import Decimal as D

SEED = sys.argv[1] if len(sys.argv) > 1 else "../../../../shared/seed/fengtai-media-center-2020-final-accounts.txt"

# The appropriation each table evaluates (generate.py enacts them under these codes and names).
CODES = {
    "《丰台报》相关费用": "P01", "“北京丰台”客户端推广项目": "P02", "奥运大屏运维费": "P03", "部门运转聘用人员经费": "P04",
    "丰台区融媒体中心建设项目（一期）": "P05", "丰台区域文化融媒体宣传项目": "P06", "公益广告专项扶持资金": "P07", "互联网接入服务费": "P08",
    "基层党组织党建活动经费": "P09", "媒体融合发展扶持资金": "P10", "聘用人员保障经费": "P11", "融媒体学院培训费": "P12",
    "新媒体业务运维项目": "P13", "专用设备运维费": "P14",
}
CATEGORIES = {
    "数量指标": "quantity", "质量指标": "quality", "时效指标": "timeliness", "成本指标": "cost", "经济效益指标": "economic",
    "社会效益指标": "social", "生态效益指标": "ecological", "可持续影响指标": "sustainable", "服务对象满意度指标": "satisfaction",
    "服务对象满意度标": "satisfaction",  # 《丰台报》's table drops a character
}
# Less is better: response and processing times, and a cost per unit (万/部, 元/条, 元/场).
NEGATIVE = re.compile(r"响应速度|办理速度")
PER_UNIT = re.compile(r"/")
NUMBER = re.compile(r"^(\d+(?:\.\d+)?)\s*(.*)$")


def clean(text):
    """One line break between lines of a cell; the seed's full-width spaces and blank lines inside cells dropped."""
    lines = [l.strip().replace("\u3000", "") for l in text.split("\n")]
    return "\n".join(l for l in lines if l)


def cells(lines):
    """A table cell starts with a tab; the lines after it without one continue it."""
    out = []
    for line in lines:
        if line.startswith("\t"):
            out.append(line[1:])
        elif out:
            out[-1] += "\n" + line
    return [clean(c) for c in out]


def quantity(text):
    """A number with its unit, when the cell is nothing else (57期, 71万, 100%, 2500余篇); None for words or several figures."""
    if "\n" in text:
        return None
    m = NUMBER.match(text)
    if not m:
        return None
    unit = m.group(2)
    if unit.startswith("余"):  # 2500余篇: at least 2500
        unit = unit[1:]
    return D(m.group(1)), unit


def tables(seed):
    text = open(seed, encoding="utf-8").read().split("\n")
    starts = [i for i, l in enumerate(text) if l.strip() in ("项目支出绩效自评表", "项目支出绩效评价表") and i > 100]
    for s in starts:
        end = next(i for i in range(s + 1, len(text)) if text[i].startswith("\t总分")) + 8
        c = cells(text[s:end])
        t = {"department_table": text[s].strip() == "项目支出绩效评价表"}
        for label, key in (("项目名称", "name"), ("实施单位", "unit"), ("项目负责人", "manager"), ("联系电话", "phone")):
            t[key] = c[c.index(label) + 1]
        funds = c.index("年度资金总额")
        t["execution_score"] = D(c[funds + 6])
        j = c.index("实际完成情况")
        t["goal"], t["completion"] = c[j + 2], c[j + 3]
        k = next(k for k in range(j, len(c)) if c[k].startswith("偏差原因")) + 1
        rows = []
        while not c[k].startswith("总分"):
            rows.append(c[k + 1:k + 9])
            k += 9
        t["rows"], t["total"] = rows, D(c[k + 2])
        yield t


def transcribe(t):
    indicators, results = [], []
    category, name = None, None
    for n, (_, level2, level3, target, actual, weight, score, deviation) in enumerate(t["rows"], start=1):
        category = CATEGORIES[level2.replace("\n", "")] if level2 else category
        name = level3 or name  # a blank 三级指标 continues the merged cell above it
        a, b = quantity(target), quantity(actual)
        quantitative = a is not None and b is not None and a[0] > 0 and not target.startswith(("≥", "<", ">", "≤"))
        direction = "qualitative"
        if quantitative:
            direction = "negative" if NEGATIVE.search(name) or (category == "cost" and PER_UNIT.search(a[1])) else "positive"
        code = f"I{n:02d}"
        indicator = {"code": code, "category": category, "name": name, "target": target, "direction": direction}
        if quantitative:
            indicator["targetValue"] = float(a[0]) if a[0] != a[0].to_integral() else int(a[0])
            if a[1]:
                indicator["unit"] = a[1]
        indicator["weight"] = num(weight)
        indicators.append(indicator)
        result = {"indicator": code, "actual": actual}
        if quantitative:
            result["actualValue"] = num(str(b[0]))
        result["score"] = num(score)
        if deviation:
            result["deviation"] = deviation
        results.append(result)
    return indicators, results


def num(text):
    d = D(text)
    return int(d) if d == d.to_integral() else float(d)


def main():
    lines = ["# 2020 performance: the goals of the fourteen evaluated projects, then their evaluations (seed 第四部分); see README.md."]
    goals, evaluations = [], []
    found = list(tables(SEED))
    assert len(found) == 14, f"{len(found)} tables"
    for t in found:
        code = CODES[t["name"]]
        indicators, results = transcribe(t)
        weights = sum(D(str(i["weight"])) for i in indicators)
        scores = sum(D(str(r["score"])) for r in results)
        assert weights == 90, (t["name"], weights)
        assert scores + t["execution_score"] == t["total"], (t["name"], scores, t["total"])
        body = {"revision": 1, "overallGoal": t["goal"], "executionWeight": 10, "indicators": indicators,
                "implementingUnit": t["unit"], "manager": t["manager"]}
        if re.fullmatch(r"[0-9-]+", t["phone"]):
            body["phone"] = t["phone"]
        body |= {"setOn": "2019-12-31", "reason": "2020年度项目绩效目标，随部门预算批复"}
        goals.append(f"POST /years/2020/appropriations/{code}/performance/goals " + compact(body))
        evaluation = {
            "revision": 1,
            "type": "department" if t["department_table"] else "self",
            "evaluator": "丰台区融媒体中心《丰台报》相关费用项目绩效评审小组" if t["department_table"] else "丰台区融媒体中心",
            "evaluatedOn": "2021-04-30",
            "completion": t["completion"],
            "executionScore": num(str(t["execution_score"])),
            "results": results,
            "total": num(str(t["total"])),
        }
        evaluations.append(f"POST /years/2020/appropriations/{code}/performance/evaluations " + compact(evaluation))
    order = sorted(range(14), key=lambda i: goals[i].split("/")[4])
    lines += [goals[i] for i in order] + [evaluations[i] for i in order]
    with open("2020_performance.requests", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def compact(body):
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main()
