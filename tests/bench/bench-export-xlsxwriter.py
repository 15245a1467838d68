#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The baseline of bench-export: Gridwatch's ledger rows written with Python
XlsxWriter in constant_memory mode.

Reads the hazards from the SQLite file itself and writes the same cells as
the 台账 sheet (24 columns, Chinese words, dates as dates, overdue days as of
the date), so that the two timings compare the writers.

    bench-export-xlsxwriter.py DB OUT.xlsx YYYY-MM-DD
prints: rows=N seconds=S
"""

import datetime
import sqlite3
import sys
import time

import xlsxwriter

STATES = {"reported": "已上报", "rectifying": "整改中", "verifying": "待验收",
          "downgraded": "已降级", "closed": "已销号"}
LEVELS = {"I": "重大", "II": "较大", "III": "一般", "IV": "低"}
URGENCIES = {"no-delay": "不容迟疑", "at-all-costs": "不惜代价", "no-gap": "不留空档"}
MEASURES = {"control": "风险管控", "deadline": "限期整治", "immediate": "立行立改"}
FIELDS = {"air": "大气", "water": "水", "soil": "土壤", "solid-waste": "固废",
          "noise": "噪声", "radiation": "辐射", "other": "其他"}
SOURCES = {"patrol": "巡查", "analysis": "研判", "complaint": "信访", "inspection": "督察",
           "monitoring": "在线监控", "report": "举报"}
HEADERS = ["序号", "隐患编号", "隐患名称", "问题描述", "县市区", "乡镇（街道）", "网格代码",
           "企业名称", "经度", "纬度", "发现日期", "发现人", "问题来源", "所属领域", "清单类别",
           "风险等级", "整改措施", "责任单位", "责任人", "整改时限", "状态", "超期天数",
           "专项行动", "销号日期"]

QUERY = """
SELECT h.number, h.title, h.description, c.name, g.name, g.code, e.name, h.lon, h.lat,
       h.found_date, fb.name, h.source, h.field, h.urgency, h.level, h.measure,
       h.responsible_unit, r.name, h.deadline, h.state, cp.name, h.closed_date
FROM hazards h JOIN grids g ON g.id = h.grid_id JOIN counties c ON c.id = g.county_id
LEFT JOIN enterprises e ON e.id = h.enterprise_id LEFT JOIN staff fb ON fb.id = h.found_by
LEFT JOIN staff r ON r.id = h.responsible_id LEFT JOIN campaigns cp ON cp.id = h.campaign_id
ORDER BY h.id
"""


def to_date(text):
    return datetime.date(int(text[0:4]), int(text[5:7]), int(text[8:10]))


def main():
    db_path, out, as_of = sys.argv[1], sys.argv[2], to_date(sys.argv[3])
    start = time.monotonic()
    db = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    ws = wb.add_worksheet("台账")
    date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    header = wb.add_format({"bold": True, "border": 1, "align": "center"})
    ws.write_string(0, 0, "生态环境风险隐患台账")
    ws.write_string(1, 0, "填报单位：    填报日期：%s" % as_of.isoformat())
    for c, name in enumerate(HEADERS):
        ws.write_string(2, c, name, header)
    row = 3
    for (number, title, desc, county, grid, code, enterprise, lon, lat, found, found_by,
         source, field, urgency, level, measure, unit, responsible, deadline, state,
         campaign, closed) in db.execute(QUERY):
        ws.write_number(row, 0, row - 2)
        texts = ((1, number), (2, title), (3, desc), (4, county), (5, grid), (6, code),
                 (7, enterprise), (11, found_by), (12, SOURCES.get(source)),
                 (13, FIELDS.get(field)), (14, URGENCIES.get(urgency)),
                 (15, LEVELS.get(level)), (16, MEASURES.get(measure)), (17, unit),
                 (18, responsible), (20, STATES.get(state)), (22, campaign))
        for c, text in texts:
            if text:
                ws.write_string(row, c, text)
        if lon is not None:
            ws.write_number(row, 8, lon)
            ws.write_number(row, 9, lat)
        if found:
            ws.write_datetime(row, 10, to_date(found), date_format)
        if deadline:
            d = to_date(deadline)
            ws.write_datetime(row, 19, d, date_format)
            if state in ("reported", "rectifying") and d < as_of:
                ws.write_number(row, 21, (as_of - d).days)
        if closed:
            ws.write_datetime(row, 23, to_date(closed), date_format)
        row += 1
    ws.autofilter(2, 0, max(row - 1, 3), len(HEADERS) - 1)
    wb.close()
    print("rows=%d seconds=%.3f" % (row - 3, time.monotonic() - start))


if __name__ == "__main__":
    main()
