#!/usr/bin/env python3
"""Builds the constructed brewery water-balance case (streams.csv, nodes.csv).

The plant is invented. True daily flows (m3/d) are chosen so that every unit balances exactly; the
"measured" values are the true values disturbed by a seeded normal error of the stated standard
uncertainty (truncated at ±2σ, so that the constructed data hold no accidental outlier) and rounded to 0.1 m3/d, so the case behaves like real test data (small closure errors,
no gross error). Run: python3 generate.py  (writes the two CSV files beside this script).
"""
import csv, math, os, random

random.seed(12452)
HERE = os.path.dirname(os.path.abspath(__file__))

# id, name, parent, category
NODES = [
    ("全厂", "某啤酒有限公司(年产20万千升)", "", ""),
    ("公用工程", "公用工程(供水)", "全厂", ""),
    ("管网", "厂区供水管网", "公用工程", "network"),
    ("糖化车间", "糖化车间", "全厂", ""),
    ("麦汁冷却", "麦汁冷却器", "糖化车间", "process"),
    ("糖化锅", "糖化糊化工段", "糖化车间", "process"),
    ("糖化CIP", "糖化CIP清洗", "糖化车间", "process"),
    ("发酵车间", "发酵车间", "全厂", ""),
    ("发酵CIP", "发酵罐CIP清洗", "发酵车间", "process"),
    ("酵母", "酵母处理间", "发酵车间", "process"),
    ("过滤", "清酒过滤", "发酵车间", "process"),
    ("包装车间", "包装车间", "全厂", ""),
    ("一号线", "一号灌装线", "包装车间", ""),
    ("洗瓶机", "洗瓶机", "一号线", "process"),
    ("杀菌机", "隧道式杀菌机", "一号线", "process"),
    ("灌装机", "灌装压盖机", "一号线", "process"),
    ("包装冲洗", "包装车间地面冲洗", "包装车间", "process"),
    ("动力车间", "动力车间", "全厂", ""),
    ("冷却塔", "制冷冷却塔循环水系统", "动力车间", "cooling"),
    ("空压站", "空压机冷却水系统", "动力车间", "cooling"),
    ("软化水站", "锅炉软化水站", "动力车间", "boiler"),
    ("锅炉房", "燃气锅炉房", "动力车间", "boiler"),
    ("CO2回收", "CO2回收站", "动力车间", "auxiliary"),
    ("辅助设施", "辅助生产设施", "全厂", ""),
    ("污水站", "污水处理站", "辅助设施", "auxiliary"),
    ("化验室", "化验室", "辅助设施", "auxiliary"),
    ("机修", "机修车间", "辅助设施", "auxiliary"),
    ("生活区", "生活及附属设施", "全厂", ""),
    ("办公楼", "办公楼", "生活区", "domestic"),
    ("食堂", "职工食堂", "生活区", "domestic"),
    ("浴室", "浴室", "生活区", "domestic"),
    ("宿舍", "职工宿舍", "生活区", "domestic"),
    ("绿化", "厂区绿化", "生活区", "domestic"),
]

# Measurement types: (column, value) — mpe = accuracy class of a meter (σ = mpe/√3),
# sigma = standard uncertainty of a test or estimate; None = unmeasured.
M05 = ("mpe", "0.5%")     # electromagnetic flowmeter, class 0.5
M1 = ("mpe", "1%")        # class-1 water meter / electromagnetic
M2 = ("mpe", "2%")        # class-2 water meter (GB/T 778.1)
US = ("sigma", "3%")      # clamp-on ultrasonic test
OC = ("sigma", "5%")      # open-channel / weir test of a drain
VOL = ("sigma", "2%")     # volumetric test
EST = ("sigma", "10%")    # calculated by formula (cooling tower evaporation)
QUOTA = ("sigma", "20%")  # quota or estimate
QUOTA_D = ("sigma", "10%")  # drain flow by quota (e.g. 90 % of use)
NONE = None

# id, name, from, to, true value, kind, measurement, data source
S = []
def s(i, name, f, t, v, kind, meas, source):
    S.append((i, name, f, t, v, kind, meas, source))

s("W01", "自来水总进水", "", "管网", 1700, "intake", M1, "FT-001 一级表(电磁)")
s("W02", "自备井取水", "", "管网", 745, "intake", M1, "FT-002 一级表(电磁)")
s("W03", "管网漏失", "管网", "", 50, "leakage", NONE, "calculated")
intakes = [("麦汁冷却", 380), ("糖化锅", 420), ("糖化CIP", 120), ("发酵CIP", 260), ("酵母", 40), ("过滤", 90),
           ("洗瓶机", 300), ("杀菌机", 80), ("灌装机", 60), ("包装冲洗", 110), ("冷却塔", 110), ("空压站", 20),
           ("软化水站", 110), ("CO2回收", 30), ("化验室", 8), ("机修", 12), ("办公楼", 30), ("食堂", 50),
           ("浴室", 90), ("宿舍", 60), ("绿化", 15)]
names = {n[0]: n[1] for n in NODES}
for k, (unit, v) in enumerate(intakes):
    s("F%02d" % (k + 1), names[unit] + "进水", "管网", unit, v, "intake", M2, "FT-%d 二级表" % (101 + k))

# 糖化车间
s("X01", "麦汁冷却热水回用至糖化", "麦汁冷却", "糖化锅", 300, "series", M2, "FT-201")
s("X02", "麦汁冷却水串用至CIP", "麦汁冷却", "糖化CIP", 60, "series", M2, "FT-202")
s("D01", "麦汁冷却排水", "麦汁冷却", "污水站", 20, "discharge", QUOTA, "estimated")
s("C01", "糖化进入麦汁(产品带走)", "糖化锅", "", 580, "consumption", ("sigma", "3%"), "按麦汁产量计算")
s("C02", "糖化蒸发", "糖化锅", "", 45, "consumption", NONE, "calculated")
s("D02", "糖化排水", "糖化锅", "污水站", 120, "discharge", US, "超声波测试")
s("D03", "糖化CIP排水", "糖化CIP", "污水站", 170, "discharge", US, "超声波测试")
s("C03", "糖化CIP耗水", "糖化CIP", "", 10, "consumption", QUOTA, "estimated")
# 发酵车间
s("D04", "发酵CIP排水", "发酵CIP", "污水站", 250, "discharge", US, "超声波测试")
s("C04", "发酵CIP耗水", "发酵CIP", "", 10, "consumption", QUOTA, "estimated")
s("D05", "酵母处理排水", "酵母", "污水站", 35, "discharge", VOL, "容积法")
s("C05", "酵母带走水", "酵母", "", 5, "consumption", QUOTA, "estimated")
s("D06", "过滤排水", "过滤", "污水站", 80, "discharge", US, "超声波测试")
s("C06", "硅藻土带走水", "过滤", "", 10, "consumption", QUOTA, "estimated")
# 包装车间
s("X03", "杀菌机溢流水回用至洗瓶机", "杀菌机", "洗瓶机", 60, "series", M2, "FT-203")
s("D07", "洗瓶机排水", "洗瓶机", "污水站", 355, "discharge", OC, "明渠流量计")
s("C07", "洗瓶机蒸发", "洗瓶机", "", 20, "consumption", QUOTA, "estimated")
s("R01", "杀菌机喷淋循环水", "杀菌机", "杀菌机", 1500, "circulating", M1, "FT-301 电磁")
s("C08", "杀菌机蒸发", "杀菌机", "", 35, "consumption", NONE, "calculated")
s("D08", "杀菌机排水", "杀菌机", "污水站", 10, "discharge", QUOTA, "estimated")
s("D09", "灌装排水", "灌装机", "污水站", 55, "discharge", VOL, "容积法")
s("C09", "灌装耗水", "灌装机", "", 5, "consumption", QUOTA, "estimated")
s("D10", "地面冲洗排水", "包装冲洗", "污水站", 105, "discharge", OC, "明渠流量计")
s("C10", "冲洗耗水", "包装冲洗", "", 5, "consumption", QUOTA, "estimated")
# 动力车间
s("R02", "冷却塔循环水", "冷却塔", "冷却塔", 9600, "circulating", M05, "FT-302 电磁")
s("C11", "冷却塔蒸发风吹损失", "冷却塔", "", 118, "consumption", EST, "按GB/T 50050公式计算")
s("D11", "冷却塔排污", "冷却塔", "污水站", 32, "discharge", M2, "FT-204")
s("R03", "空压机冷却循环水", "空压站", "空压站", 1100, "circulating", M1, "FT-303")
s("C12", "空压机冷却蒸发", "空压站", "", 14, "consumption", NONE, "calculated")
s("D12", "空压站排污", "空压站", "污水站", 6, "discharge", QUOTA, "estimated")
s("X04", "软化水至锅炉", "软化水站", "锅炉房", 90, "series", M2, "FT-205")
s("D13", "软化再生废水", "软化水站", "污水站", 20, "discharge", VOL, "容积法")
s("V01", "蒸汽至糖化", "锅炉房", "糖化锅", 95, "steam", ("mpe", "2.5%"), "FT-401 蒸汽流量计")
s("V02", "蒸汽至洗瓶机", "锅炉房", "洗瓶机", 30, "steam", ("mpe", "2.5%"), "FT-402 蒸汽流量计")
s("V03", "蒸汽至杀菌机", "锅炉房", "杀菌机", 25, "steam", ("mpe", "2.5%"), "FT-403 蒸汽流量计")
s("K01", "糖化冷凝水回收", "糖化锅", "锅炉房", 70, "condensate", M2, "FT-206")
s("K02", "洗瓶机冷凝水回收", "洗瓶机", "锅炉房", 15, "condensate", M2, "FT-207")
s("D14", "锅炉排污", "锅炉房", "污水站", 12, "discharge", QUOTA, "estimated")
s("C13", "锅炉房其他损失", "锅炉房", "", 13, "consumption", NONE, "calculated")
s("D15", "CO2洗涤排水", "CO2回收", "污水站", 28, "discharge", VOL, "容积法")
s("C14", "CO2回收耗水", "CO2回收", "", 2, "consumption", QUOTA, "estimated")
# 辅助设施
s("D16", "化验室排水", "化验室", "污水站", 7.5, "discharge", QUOTA_D, "estimated")
s("C15", "化验耗水", "化验室", "", 0.5, "consumption", QUOTA, "estimated")
s("D17", "机修排水", "机修", "污水站", 10, "discharge", QUOTA_D, "estimated")
s("C16", "机修耗水", "机修", "", 2, "consumption", QUOTA, "estimated")
s("X05", "中水回用至冷却塔补水", "污水站", "冷却塔", 40, "series", M2, "FT-208")
s("X06", "中水回用至绿化", "污水站", "绿化", 25, "series", M2, "FT-209")
s("C17", "污泥带走水", "污水站", "", 15, "consumption", ("sigma", "30%"), "estimated")
s("D18", "污水站总排口", "污水站", "", 1446.5, "discharge", ("mpe", "1%"), "FT-501 在线监测")
# 生活区
for i, (unit, d, c) in enumerate([("办公楼", 27, 3), ("食堂", 45, 5), ("浴室", 85, 5), ("宿舍", 54, 6)]):
    s("D%02d" % (19 + i), names[unit] + "污水", unit, "污水站", d, "discharge", QUOTA_D, "quota")
    s("C%02d" % (18 + i), names[unit] + "耗水", unit, "", c, "consumption", QUOTA, "quota")
s("C22", "绿化用水(全部耗水)", "绿化", "", 40, "consumption", NONE, "calculated")

# Check that the true flows balance at every unit.
bal = {}
for i, name, f, t, v, kind, meas, src in S:
    if f == t:
        continue
    if t:
        bal[t] = bal.get(t, 0) + v
    if f:
        bal[f] = bal.get(f, 0) - v
bad = {k: v for k, v in bal.items() if abs(v) > 1e-9}
assert not bad, bad

def measured(v, meas):
    if meas is None:
        return ""
    col, text = meas
    rel = float(text.rstrip("%")) / 100
    sigma = rel / math.sqrt(3) if col == "mpe" else rel
    z = random.gauss(0, 1)
    while abs(z) > 2:  # truncated at ±2σ: constructed data without accidental outliers
        z = random.gauss(0, 1)
    return "%.1f" % (v * (1 + sigma * z))

with open(os.path.join(HERE, "streams.csv"), "w", newline="", encoding="utf-8") as out:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["编号", "名称", "来源", "去向", "测量值", "单位", "准确度", "标准差", "类别", "数据来源"])
    for i, name, f, t, v, kind, meas, src in S:
        value = measured(v, meas)
        mpe = meas[1] if meas and meas[0] == "mpe" else ""
        sig = meas[1] if meas and meas[0] == "sigma" else ""
        w.writerow([i, name, f, t, value, "m3/d", mpe, sig, kind, src])

with open(os.path.join(HERE, "nodes.csv"), "w", newline="", encoding="utf-8") as out:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["编号", "名称", "上级", "用水类别"])
    for row in NODES:
        w.writerow(row)

units = [n for n in NODES if n[3]]
print("units:", len(units), "streams:", len(S))
intake = sum(v for i, n, f, t, v, k, m, src in S if k == "intake" and f == "")
reuse = sum(v for i, n, f, t, v, k, m, src in S if k in ("circulating", "series", "condensate"))
print("true intake %.1f reuse %.1f R %.4f" % (intake, reuse, reuse / (intake + reuse)))
