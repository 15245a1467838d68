#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads Gridwatch's exports back with independent readers.

    check_xlsx.py openpyxl      the workbook through openpyxl (Debian's python3-openpyxl):
                                layout, totals against `gridwatch-cli stats --json`, cadence
                                against `gridwatch-cli cadence --json`, the ledger against
                                `gridwatch-cli hazard list --json`, cached formula results,
                                the CSV encodings
    check_xlsx.py libreoffice   every sheet converted to CSV by LibreOffice Calc, formulas
                                recalculated, gives the same numbers (skipped, 77, without
                                soffice)

Run with /usr/bin/python3: the first python3 on PATH may not see Debian's modules.
GRIDWATCH_CLI names the gridwatch-cli to test.
"""

import csv
import datetime
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

CLI = os.environ.get("GRIDWATCH_CLI", "gridwatch-cli")
TODAY = "2026-11-23"
PAST = "2026-10-15"
UNIT = "衡阳市生态环境局"
SHEETS = ["进度表", "台账", "频次表", "例会通报"]
LEDGER_COLUMNS = ["序号", "隐患编号", "隐患名称", "问题描述", "县市区", "乡镇（街道）",
                  "网格代码", "企业名称", "经度", "纬度", "发现日期", "发现人", "问题来源",
                  "所属领域", "清单类别", "风险等级", "整改措施", "责任单位", "责任人",
                  "整改时限", "状态", "超期天数", "专项行动", "销号日期"]
STATE_ZH = {"reported": "已上报", "rectifying": "整改中", "verifying": "待验收",
            "downgraded": "已降级", "closed": "已销号"}
CADENCE_ZH = {"done": "完成", "missed": "未完成", "due": "进行中", "not-yet-due": "—"}

failures = []
checks = [0]


def check(condition, what):
    checks[0] += 1
    if not condition:
        failures.append(what)
        print("FAIL: " + what)


def close(a, b):
    return a is not None and b is not None and abs(float(a) - float(b)) < 1e-9


def cli(*args):
    out = subprocess.run([CLI] + list(args), check=True, capture_output=True, text=True)
    return out.stdout


def cli_json(*args):
    return json.loads(cli(*args, "--json"))


def make_demo(tmp):
    db = os.path.join(tmp, "demo.db")
    cli("demo", "--db", db, "--hazards", "2000", "--today", TODAY)
    return db


def export(db, out, *extra):
    cli("export", "--db", db, "--out", out, "--unit", UNIT, *extra)
    check(os.path.exists(out), "export wrote " + out)
    leftovers = [f for f in os.listdir(os.path.dirname(out)) if f.startswith(".")]
    check(not leftovers, "no temporary files left: %s" % leftovers)


def dekads_back(date, n):
    """The first day of the dekad n-1 dekads before the one of @date."""
    d = datetime.date.fromisoformat(date)
    year, month, part = d.year, d.month, 0 if d.day <= 10 else 1 if d.day <= 20 else 2
    for _ in range(n - 1):
        part -= 1
        if part < 0:
            part = 2
            month -= 1
            if month == 0:
                month, year = 12, year - 1
    return datetime.date(year, month, 1 + 10 * part).isoformat()


# ---- openpyxl ---------------------------------------------------------------------------

def layout(wb, date):
    import openpyxl.utils

    check(wb.sheetnames == SHEETS, "sheet names %s" % wb.sheetnames)
    frozen = {"进度表": "A4", "台账": "D4", "频次表": "D4", "例会通报": "A3"}
    titles = {"进度表": "$3:$3", "台账": "$3:$3", "频次表": "$3:$3", "例会通报": "$1:$2"}
    for ws in wb:
        name = ws.title
        last = openpyxl.utils.get_column_letter(ws.max_column)
        merged = [str(r) for r in ws.merged_cells.ranges]
        check("A1:%s1" % last in merged, "%s: merged title A1:%s1 in %s" % (name, last, merged[:4]))
        check("A2:%s2" % last in merged, "%s: merged 填报单位 line" % name)
        check(isinstance(ws["A1"].value, str) and len(ws["A1"].value) > 4, "%s: title" % name)
        info = ws["A2"].value or ""
        check(info.startswith("填报单位：" + UNIT) and ("填报日期：" + date) in info,
              "%s: 填报单位/填报日期 line %r" % (name, info))
        check(ws.freeze_panes == frozen[name], "%s: frozen at %s" % (name, ws.freeze_panes))
        check(ws.print_title_rows == titles[name], "%s: print titles %s" % (name, ws.print_title_rows))
        ps = ws.page_setup
        check(ps.orientation == "landscape", "%s: landscape" % name)
        check(str(ps.paperSize) == "9", "%s: A4 (%s)" % (name, ps.paperSize))
        check(ws.sheet_properties.pageSetUpPr.fitToPage, "%s: fit to page" % name)
        check(ps.fitToWidth in (None, 1, "1") and str(ps.fitToHeight) == "0",
              "%s: one page wide (%s x %s)" % (name, ps.fitToWidth, ps.fitToHeight))
        check(ws.oddFooter.center.text == "第 &P 页 共 &N 页", "%s: footer %r" % (name, ws.oddFooter.center.text))
        if name != "例会通报":
            check(ws["A3"].value == "序号", "%s: 序号 column" % name)
        widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width
                  for c in range(1, min(ws.max_column, 8) + 1)]
        check(all(w and w >= 5 for w in widths), "%s: column widths %s" % (name, widths))


def progress_rows(ws):
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    end = next(i for i, r in enumerate(rows) if r[1] == "合计")
    return rows[:end], rows[end]


def check_progress(values, formulas, stats, db, current):
    rows, total = progress_rows(values)
    frows, ftotal = progress_rows(formulas)
    expect = [stats["hazards"]] + [stats["by_state"][s] for s in STATE_ZH] + [stats["overdue"]]
    check(list(total[4:11]) == expect, "progress 合计 %s == stats %s" % (total[4:11], expect))
    check(close(total[11], stats["completion_rate"]),
          "progress rate %s == stats %s" % (total[11], stats["completion_rate"]))
    check([total[12], total[13]] == [stats["new_7d"], stats["closed_7d"]],
          "progress 7-day figures %s == %s" % (total[12:14], [stats["new_7d"], stats["closed_7d"]]))
    for c in range(4, 14):
        f = ftotal[c]
        check(isinstance(f, str) and f.startswith("=SUBTOTAL(9,") if c != 11 else f.startswith("=IF("),
              "合计 column %d is a formula: %r" % (c, f))
    # Each 小计 equals its grids; each rate equals its counts.
    grids, sub = [], None
    sums = {}
    for r, fr in zip(rows, frows):
        if r[2] == "小计":
            sub = r
            sums[r[1]] = (r, [0] * 14)
            check(isinstance(fr[4], str) and fr[4].startswith("=SUBTOTAL"), "小计 formula %r" % fr[4])
        else:
            grids.append(r)
            acc = sums[r[1]][1]
            for c in list(range(4, 11)) + [12, 13]:
                acc[c] += r[c]
        rate = (r[8] + r[9]) / r[4] if r[4] else 0
        check(close(r[11], rate), "row %s %s rate %s == %s" % (r[1], r[2], r[11], rate))
        check(isinstance(fr[11], str) and fr[11].startswith("=IF("), "rate is a formula")
    for county, (r, acc) in sums.items():
        check([r[c] for c in list(range(4, 11)) + [12, 13]] == [acc[c] for c in list(range(4, 11)) + [12, 13]],
              "小计 of %s equals its grids" % county)
    check(len(grids) == stats["grids"], "a row per grid: %d == %d" % (len(grids), stats["grids"]))
    check([g[0] for g in grids] == list(range(1, len(grids) + 1)), "序号 runs 1..n")
    if current:
        # Per grid, against the hazards table itself.
        import sqlite3
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
        by_grid = {}
        for name, county, state, n in con.execute(
                "SELECT g.name, c.name, h.state, count(*) FROM hazards h JOIN grids g ON g.id = h.grid_id"
                " JOIN counties c ON c.id = g.county_id GROUP BY g.id, h.state"):
            by_grid.setdefault((county, name), dict.fromkeys(STATE_ZH, 0))[state] = n
        for g in grids:
            counts = by_grid.get((g[1], g[2]), dict.fromkeys(STATE_ZH, 0))
            check(list(g[5:10]) == [counts[s] for s in STATE_ZH], "grid %s %s by state" % (g[1], g[2]))
    # The county table the chart reads.
    table = list(values.iter_rows(min_row=4 + len(rows) + 4, max_col=6, values_only=True))
    table = [t for t in table if isinstance(t[0], int)]
    check(len(table) == len(sums), "a county row per county in the chart table")
    check(sum(t[2] for t in table) == stats["hazards"], "chart table adds up")


def check_ledger(values, expected, date):
    rows = list(values.iter_rows(min_row=3, values_only=True))
    check(list(rows[0]) == LEDGER_COLUMNS, "ledger header %s" % (rows[0],))
    data = rows[1:]
    check(len(data) == len(expected), "ledger rows %d == %d" % (len(data), len(expected)))
    check(values.auto_filter.ref == "A3:X%d" % (3 + max(len(data), 1)),
          "autofilter %s" % values.auto_filter.ref)
    as_of = datetime.date.fromisoformat(date)
    for i, (r, h) in enumerate(zip(data, expected)):
        if r[1] != h["number"]:
            check(False, "ledger row %d is %s, expected %s" % (i + 1, r[1], h["number"]))
            break
        check(r[0] == i + 1, "序号 %s" % r[0])
        check(r[2] == h["title"] and r[5] == h["grid_name"] and r[6] == h["grid"],
              "ledger %s names" % h["number"])
        check(r[20] == STATE_ZH[h["state"]], "ledger %s state %s" % (h["number"], r[20]))
        found = r[10]
        check(isinstance(found, datetime.datetime) and found.date().isoformat() == h["found_date"],
              "ledger %s found date %r" % (h["number"], found))
        if h["deadline"]:
            d = datetime.date.fromisoformat(h["deadline"])
            check(isinstance(r[19], datetime.datetime) and r[19].date() == d, "deadline is a date")
            late = (as_of - d).days if h["state"] in ("reported", "rectifying") and d < as_of else None
            check(r[21] == late, "ledger %s overdue days %s == %s" % (h["number"], r[21], late))
        if failures:
            break


def check_cadence(values, formulas, date):
    rows = list(values.iter_rows(min_row=3, values_only=True))
    header, body = rows[0], rows[1:]
    n_dekads = len(header) - 8
    frm = dekads_back(date, n_dekads)
    cad = cli_json("cadence", "--db", DB, "--from", frm, "--to", date, "--as-of", date)
    check(len(cad["dekads"]) == n_dekads, "cadence dekads %d == %d" % (len(cad["dekads"]), n_dekads))
    grids = body[:len(cad["grids"])]
    for r, g in zip(grids, cad["grids"]):
        check(list(r[4:4 + n_dekads]) == [CADENCE_ZH[s] for s in g["status"]],
              "cadence cells of %s" % g["name"])
        check(r[2] == g["name"] and r[4 + n_dekads] == g["done"] and r[5 + n_dekads] == g["missed"],
              "cadence done/missed of %s" % g["name"])
        check(close(r[6 + n_dekads], g["compliance"]), "cadence compliance of %s" % g["name"])
    done, counted, rate = body[len(cad["grids"]):len(cad["grids"]) + 3]
    for i, d in enumerate(cad["dekads"]):
        check(done[4 + i] == d["done"] and counted[4 + i] == d["counted"],
              "dekad %s done/counted" % d["dekad"])
        check(close(rate[4 + i], d["compliance"]), "dekad %s compliance" % d["dekad"])
    frows = list(formulas.iter_rows(min_row=4, values_only=True))
    check(str(frows[0][4 + n_dekads]).startswith("=COUNTIF("), "cadence totals are formulas")
    return cad


def check_meeting(values, stats, date, cad):
    rows = list(values.iter_rows(values_only=True))
    kpi = rows[4]
    check(list(kpi[:7]) == [stats["hazards"]] + [stats["by_state"][s] for s in STATE_ZH] + [stats["overdue"]],
          "meeting KPIs %s" % (kpi,))
    check(close(kpi[7], stats["completion_rate"]), "meeting completion rate")
    more = rows[6]
    check([more[0], more[1], more[2]] == [stats["verification_overdue"], stats["new_7d"], stats["closed_7d"]],
          "meeting second KPI row %s" % (more,))
    check([more[4], more[5], more[6]] == [stats["grids"], stats["cadence"]["done"], stats["cadence"]["missed"]],
          "meeting cadence KPIs")
    info = rows[1][0]
    prev = info.split("上次例会：")[1][:10]
    diff = cli_json("meeting", "diff", "--db", DB, "--since", prev, "--until", date)
    changes = rows[10]
    expect = [len(diff["added"]), len(diff["downgraded"]), len(diff["closed"]), len(diff["moved"]),
              len(diff["overdue"]), stats["overdue"]]
    check(list(changes[:6]) == expect, "meeting changes %s == %s" % (changes[:6], expect))
    sections = {r[0]: i for i, r in enumerate(rows) if isinstance(r[0], str) and r[0][:2] in ("三、", "四、", "五、")}
    keys = sorted(sections, key=lambda k: sections[k])
    late = [r for r in rows[sections[keys[0]] + 2:sections[keys[1]]] if isinstance(r[0], int)]
    check(len(late) == min(stats["overdue"], 300), "overdue list %d == %d" % (len(late), stats["overdue"]))
    check(all(r[7] > 0 for r in late), "days overdue are positive")
    check([r[7] for r in late] == sorted((r[7] for r in late), reverse=True), "longest overdue first")
    interviews = [r for r in rows[sections[keys[1]] + 2:sections[keys[2]]] if isinstance(r[0], int)]
    check([r[2] for r in interviews] == [i["name"] for i in cad["interviews"]],
          "interview list %s == %s" % ([r[2] for r in interviews], [i["name"] for i in cad["interviews"]]))


def run_openpyxl(tmp):
    import openpyxl

    full = os.path.join(tmp, "out", "全部.xlsx")
    os.makedirs(os.path.dirname(full))
    export(DB, full, "--date", TODAY)
    values = openpyxl.load_workbook(full, data_only=True)
    formulas = openpyxl.load_workbook(full)
    layout(formulas, TODAY)
    stats = cli_json("stats", "--db", DB, "--date", TODAY)
    check_progress(values["进度表"], formulas["进度表"], stats, DB, True)
    everything = cli_json("hazard", "list", "--db", DB, "--limit", "1000000")
    check_ledger(values["台账"], everything, TODAY)
    cad = check_cadence(values["频次表"], formulas["频次表"], TODAY)
    check_meeting(values["例会通报"], stats, TODAY, cad)

    # A past date: every figure replayed from the events.
    past = os.path.join(tmp, "out", "past.xlsx")
    export(DB, past, "--date", PAST, "--sheets", "progress,meeting,cadence,ledger")
    values = openpyxl.load_workbook(past, data_only=True)
    formulas = openpyxl.load_workbook(past)
    stats = cli_json("stats", "--db", DB, "--date", PAST)
    check_progress(values["进度表"], formulas["进度表"], stats, DB, False)
    cad = check_cadence(values["频次表"], formulas["频次表"], PAST)
    check_meeting(values["例会通报"], stats, PAST, cad)

    # The ledger's selection: one grid, one state.
    grid = everything[0]["grid"]
    some = os.path.join(tmp, "out", "some.xlsx")
    export(DB, some, "--date", TODAY, "--sheets", "ledger", "--grid", grid, "--state", "rectifying")
    values = openpyxl.load_workbook(some, data_only=True)
    check(values.sheetnames == ["台账"], "only the ledger: %s" % values.sheetnames)
    expected = cli_json("hazard", "list", "--db", DB, "--grid", grid, "--state", "rectifying",
                        "--limit", "100000")
    check(len(expected) > 0, "the selection is not empty")
    check_ledger(values["台账"], expected, TODAY)
    check("状态：整改中" in (values["台账"]["A2"].value or ""), "the filter is named")

    # CSV: a byte-order mark, or GB18030 that round-trips.
    utf8 = os.path.join(tmp, "out", "台账.csv")
    gb = os.path.join(tmp, "out", "台账-gb.csv")
    export(DB, utf8, "--date", TODAY)
    export(DB, gb, "--date", TODAY, "--encoding", "gb18030")
    raw = open(utf8, "rb").read()
    check(raw.startswith(b"\xef\xbb\xbf"), "UTF-8 CSV starts with a BOM")
    records = list(csv.reader(raw[3:].decode("utf-8").splitlines(keepends=True)))
    check(records[0] == LEDGER_COLUMNS, "CSV header")
    check(len(records) == len(everything) + 1, "CSV rows %d" % len(records))
    check([r[1] for r in records[1:]] == [h["number"] for h in everything], "CSV numbers in order")
    graw = open(gb, "rb").read()
    check(graw.decode("gb18030") == raw[3:].decode("utf-8"), "GB18030 decodes to the same text")
    if shutil.which("iconv"):
        conv = subprocess.run(["iconv", "-f", "GB18030", "-t", "UTF-8", gb], check=True,
                              capture_output=True).stdout
        check(conv == raw[3:], "iconv GB18030 → UTF-8 gives the UTF-8 file")


# ---- LibreOffice ----------------------------------------------------------------------------

RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>%d</value></prop>
</item>
</oor:items>
"""


def libreoffice_csv(soffice, xlsx, outdir, recalc):
    profile = os.path.join(outdir, "profile")
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
        f.write(RECALC % (0 if recalc else 1))
    # All sheets (token 12 = -1), UTF-8, values rather than as shown.
    fmt = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    subprocess.run([soffice, "-env:UserInstallation=file://" + profile, "--headless",
                    "--convert-to", fmt, "--outdir", outdir, xlsx],
                   check=True, capture_output=True, timeout=240)
    base = os.path.splitext(os.path.basename(xlsx))[0]
    sheets = {}
    for name in SHEETS:
        path = os.path.join(outdir, "%s-%s.csv" % (base, name))
        check(os.path.exists(path), "LibreOffice wrote %s (%s)" % (path, glob.glob(outdir + "/*.csv")))
        if os.path.exists(path):
            with open(path, encoding="utf-8-sig") as f:
                sheets[name] = list(csv.reader(f))
    return sheets


def num(text):
    text = text.strip()
    if text.endswith("%"):
        return float(text[:-1]) / 100
    return float(text) if text else None


def run_libreoffice(tmp):
    import openpyxl

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("SKIP: no soffice")
        sys.exit(77)
    # The profile really recalculates: a formula stored with a wrong result comes out right.
    try:
        import xlsxwriter
        probe = os.path.join(tmp, "probe.xlsx")
        wb = xlsxwriter.Workbook(probe)
        for name in SHEETS:
            wb.add_worksheet(name).write_formula("A1", "=1+1", None, 5)
        wb.close()
        out = libreoffice_csv(soffice, probe, os.path.join(tmp, "probe"), True)
        check(out.get("进度表", [[""]])[0][0] == "2", "LibreOffice recalculates on load: %r" % out.get("进度表"))
    except ImportError:
        print("(python3-xlsxwriter missing: the recalculation probe is skipped)")
    xlsx = os.path.join(tmp, "lo.xlsx")
    export(DB, xlsx, "--date", TODAY)
    stats = cli_json("stats", "--db", DB, "--date", TODAY)
    cached = openpyxl.load_workbook(xlsx, data_only=True)
    for recalc in (True, False):
        outdir = os.path.join(tmp, "recalc" if recalc else "cached")
        sheets = libreoffice_csv(soffice, xlsx, outdir, recalc)
        if "进度表" not in sheets:
            continue
        how = "recalculated" if recalc else "as stored"
        progress = sheets["进度表"]
        total = next(r for r in progress if len(r) > 1 and r[1] == "合计")
        expect = [stats["hazards"]] + [stats["by_state"][s] for s in STATE_ZH] + [stats["overdue"]]
        check([num(x) for x in total[4:11]] == expect, "LibreOffice (%s) 合计 %s == %s" % (how, total[4:11], expect))
        check(abs(num(total[11]) - stats["completion_rate"]) < 1e-6, "LibreOffice (%s) rate %s" % (how, total[11]))
        check([num(total[12]), num(total[13])] == [stats["new_7d"], stats["closed_7d"]], "LibreOffice 7-day")
        # Every number of every sheet as openpyxl reads the cached results.
        for name in ("进度表", "频次表", "例会通报"):
            ws = cached[name]
            bad = 0
            for r, row in enumerate(ws.iter_rows(values_only=True)):
                for c, v in enumerate(row):
                    if isinstance(v, (int, float)) and not isinstance(v, bool):
                        try:
                            lo = num(sheets[name][r][c])
                        except (IndexError, ValueError):
                            lo = None
                        if lo is None or abs(lo - v) > 1e-6 * max(1, abs(v)):
                            bad += 1
                            if bad < 4:
                                print("  %s %s%d: LibreOffice %r, stored %r" % (name, chr(65 + c) if c < 26 else c, r + 1,
                                                                            sheets[name][r][c] if r < len(sheets[name]) and c < len(sheets[name][r]) else None, v))
            check(bad == 0, "LibreOffice (%s) agrees on every number of %s (%d differ)" % (how, name, bad))
        ledger = sheets["台账"]
        check(len(ledger) == 3 + stats["hazards"], "LibreOffice ledger rows %d" % len(ledger))


def main():
    global DB
    mode = sys.argv[1] if len(sys.argv) > 1 else "openpyxl"
    tmp = tempfile.mkdtemp(prefix="gw-check-xlsx-")
    try:
        DB = make_demo(tmp)
        if mode == "libreoffice":
            run_libreoffice(tmp)
        else:
            run_openpyxl(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("%d check(s) failed" % len(failures))
        sys.exit(1)
    print("ok: %d checks" % checks[0])


if __name__ == "__main__":
    main()
