#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The one catalogue of the notes and warnings in both report languages (issue 13, Deliver 4: Chinese throughout).
///
/// Every note and warning is written in English where it arises (the JSON's `warnings` and `notes` keep that text:
/// scripts match it); a report in Chinese prints the catalogue's Chinese form. Each entry is an English template
/// whose `{}` stand for the parts that vary (ids, numbers, names) and the Chinese template that places them as `{0}`,
/// `{1}`, …; a message that no entry matches is printed as it is (English), which `MessageCatalogueTests` keeps from
/// happening for the messages the tests produce.
public enum MessageCatalogue {
    /// One message: the English template and its Chinese form.
    struct Entry {
        let english: String
        let chinese: String
        /// Tried only on a part of a matched message (a list inside a sentence), never on a whole message: its
        /// template is too general to be matched against every message.
        var partOnly = false
    }

    /// The entries, in the order they are tried (a more specific template before a more general one).
    static let entries: [Entry] = [
        // Reconciliation (BalanceCore).
        Entry(english: "{} takes part in no balance: it is reported as measured, not adjusted",
              chinese: "{0} 不参与任何平衡：按测量值报告，不作调整"),
        Entry(english: "{} cannot be determined from the balances (unobservable): their values are null; more meters are needed (see `balance advise`)",
              chinese: "{0} 无法由平衡方程确定（不可观测）：其值为空；需要增设计量仪表（见 `balance advise`）"),
        Entry(english: "no redundancy: the balances cannot check any measurement (0 degrees of freedom)",
              chinese: "无冗余：平衡方程无法校核任何测量值（自由度为 0）"),
        Entry(english: "the uncertainties differ widely (σ of {} to {}): the {} solver's σ may be off by up to {} of their value; the dense solver is exact to 1e-8 but was not chosen for this size",
              chinese: "不确定度相差悬殊（{0} 至 {1} 的 σ）：{2} 求解器给出的 σ 最多可能偏差其值的 {3}；稠密求解器精确到 1e-8，但未因规模选用"),
        Entry(english: "{} balance(s) cannot be satisfied{}: the fixed values (σ = 0) or relation constants contradict each other",
              chinese: "{0} 个平衡方程无法满足{1}：固定值（σ = 0）或关系式常数相互矛盾"),
        Entry(english: "held at a bound: {} — the unbounded least-squares solution lies outside; their σ is 0 by construction and the global test is approximate",
              chinese: "取在边界上：{0} —— 无约束最小二乘解在边界之外；其 σ 按构造为 0，全局检验为近似"),
        Entry(english: "component values or generation terms not determined by the balances: {} (null)",
              chinese: "平衡方程不能确定的组分值或生成项：{0}（为空）"),
        // Input.
        Entry(english: "{}: {} stream take the mean of their readings ({} each); σ combines the meter's uncertainty with the spread of the readings, σ² = u_meter² + s²/n",
              chinese: "{0}：{1} 条流股取多次读数的平均值（各 {2} 次）；σ 合成仪表不确定度与读数离散，σ² = u_仪表² + s²/n"),
        Entry(english: "{}: {} streams take the mean of their readings ({} each); σ combines the meter's uncertainty with the spread of the readings, σ² = u_meter² + s²/n",
              chinese: "{0}：{1} 条流股取多次读数的平均值（各 {2} 次）；σ 合成仪表不确定度与读数离散，σ² = u_仪表² + s²/n"),
        Entry(english: "{}: unknown column '{}' is ignored (known columns: {})",
              chinese: "{0}：未知列“{1}”已忽略（可识别的列：{2}）"),
        Entry(english: "{}: column {} has no header: its values (such as '{}') are ignored",
              chinese: "{0}：第 {1} 列没有表头，其数值（如“{2}”）已忽略"),
        Entry(english: "{}: sheet '{}' is not a case sheet and is ignored (case sheets: {})",
              chinese: "{0}：工作表“{1}”不是案例工作表，已忽略（案例工作表：{2}）"),
        Entry(english: "unit converted: {}", chinese: "单位换算：{0}"),
        // Water (GB/T 12452).
        Entry(english: "{} has neither from nor to: it takes part in no water quantity",
              chinese: "{0} 既无来源也无去向：不计入任何水量"),
        Entry(english: "{} has a value but no uncertainty: held fixed (σ = 0) in the reconciliation",
              chinese: "{0} 有测量值但无不确定度：协调时按固定值（σ = 0）处理"),
        Entry(english: "{} have a value but no uncertainty: held fixed (σ = 0) in the reconciliation",
              chinese: "{0} 有测量值但无不确定度：协调时按固定值（σ = 0）处理"),
        Entry(english: "the least-squares reconciliation puts {} below 0, which no water volume can be: reconciled again with the lower bound 0 on every water stream",
              chinese: "最小二乘协调使 {0} 小于 0，而水量不可能为负：已对全部水流股加下限 0 重新协调"),
        Entry(english: "[negative-value] {} is computed as {} from the balance of {}: a negative flow means the data of that balance do not close",
              chinese: "[负值] {0} 由 {2} 的平衡算得 {1}：流量为负说明该平衡的数据不闭合"),
        Entry(english: "[negative-value] {} is reconciled to {}: a water volume cannot be negative — the balances around it do not close with the given meters (check them, or a leak)",
              chinese: "[负值] {0} 协调值为 {1}：水量不能为负 —— 其周围的平衡与现有仪表读数不闭合（请检查仪表或漏失）"),
        Entry(english: "the global test fails (χ² = {}, dof {}): suspect(s) {}; the indicators use the reconciled values of all meters — check with `balance reconcile`",
              chinese: "全局检验未通过（χ² = {0}，自由度 {1}）：可疑仪表 {2}；各指标采用全部仪表的协调值 —— 请用 `balance reconcile` 核查"),
        Entry(english: "the global test fails (χ² = {}, dof {}): the data contain a gross error; the indicators use the reconciled values of all meters — check with `balance reconcile`",
              chinese: "全局检验未通过（χ² = {0}，自由度 {1}）：数据含有显著误差；各指标采用全部仪表的协调值 —— 请用 `balance reconcile` 核查"),
        // Why a water indicator has no value (WaterIndicatorUnavailable's English and Chinese texts).
        Entry(english: "no unit has category '{}' ({}) in nodes.csv", chinese: "nodes.csv 中没有用水类别为“{1}”({0})的单元"),
        Entry(english: "the denominator is zero", chinese: "分母为零"),
        Entry(english: "no steam production: give steam streams (kind steam) or the boiler's 蒸汽产量 (steam column of nodes.csv)",
              chinese: "缺少蒸汽产量：请给出蒸汽流股(类别 steam)或锅炉节点的蒸汽产量(nodes.csv 的 steam 列)"),
        Entry(english: "no production quantity (give the production Q)", chinese: "未给出产品产量(需给出产量 Q)"),
        Entry(english: "no output value (give the output value Z in 万元 over the period of the flows)",
              chinese: "未给出产值(需给出与流量同期的产值 Z，万元)"),
        Entry(english: "no staff count (give the number of employees n)", chinese: "未给出职工人数(需给出人数 n)"),
        Entry(english: "measured streams without a source ({}): name the meter that reads each (source column or meters.csv), or say calculated, estimated, quota or design",
              chinese: "实测流股未注明数据来源({0})：请在数据来源列或 meters.csv 中注明计量仪表，或注明计算、估算、定额、设计"),
        // The model's own checks (BalanceCore's ModelError), before the general `stream '{}': {}` of the energy part.
        Entry(english: "duplicate stream id '{}'{}", chinese: "流股编号“{0}”重复{1}"),
        Entry(english: "duplicate node id '{}'{}", chinese: "节点编号“{0}”重复{1}"),
        Entry(english: " (first defined at {})", chinese: "（首次定义于 {0}）"),
        Entry(english: "relation '{}' is defined twice with different constants", chinese: "关系式“{0}”定义了两次且常数不同"),
        Entry(english: "stream '{}' names node '{}', which nodes.csv does not declare (a typo?)",
              chinese: "流股“{0}”引用的节点“{1}”未在 nodes.csv 中声明（是否拼写有误？）"),
        Entry(english: "node '{}' has parent '{}', which is not a declared node", chinese: "节点“{0}”的上级“{1}”不是已声明的节点"),
        Entry(english: "the parent hierarchy has a cycle through node '{}'", chinese: "上下级关系在节点“{0}”处形成循环"),
        Entry(english: "relation '{}' names stream '{}', which streams.csv does not define",
              chinese: "关系式“{0}”引用的流股“{1}”未在 streams.csv 中定义"),
        Entry(english: "stream '{}': the uncertainty {} is negative (use 0 for an exactly known value)",
              chinese: "流股“{0}”：不确定度 {1} 为负（精确已知的值请用 0）"),
        Entry(english: "stream '{}': {} is not a finite number", chinese: "流股“{0}”：{1} 不是有限数值"),
        Entry(english: "stream '{}' has a measured value but no uncertainty (give sigma, u95 or mpe, or give a default uncertainty for the case)",
              chinese: "流股“{0}”有测量值但没有不确定度（请给出 sigma、u95 或 mpe，或为案例给出默认不确定度）"),
        Entry(english: "stream '{}' has an uncertainty but no value", chinese: "流股“{0}”有不确定度但没有测量值"),
        Entry(english: "stream '{}': lower bound {} is above upper bound {}", chinese: "流股“{0}”：下限 {1} 大于上限 {2}"),
        Entry(english: "the case has no streams", chinese: "案例中没有流股"),
        Entry(english: "a stream has an empty id", chinese: "有流股的编号为空"),
        Entry(english: "stream '{}' leaves and enters the same node; only kind 'circulating' or 'condensate' may form a loop (kind is {})",
              chinese: "流股“{0}”从同一节点流出又流入；只有类别为 circulating（循环水）或 condensate（冷凝水）的流股可以成环（当前类别为 {1}）"),
        Entry(english: "stream '{}': {} {} is outside the magnitudes this library computes with ({}): give it in another unit",
              chinese: "流股“{0}”：{1} {2} 超出本库计算的数量级范围（{3}）：请换用其他单位"),
        Entry(english: "stream '{}': unit '{}' is not known (write a volume, mass or energy unit with an optional time basis: m3/d, m3/h, L/s, 万m3/a, t/d, kg/h, kWh/d, GJ …; 立方米/天 and 吨/小时 are read too)",
              chinese: "流股“{0}”：无法识别单位“{1}”（请写体积、质量或能量单位，可带时间基准：m3/d、m3/h、L/s、万m3/a、t/d、kg/h、kWh/d、GJ……；也可写 立方米/天、吨/小时）"),
        Entry(english: "stream {} are different kinds of quantity (volume, mass, energy) in the balance of {}: give them in one kind of unit",
              chinese: "流股 {0} 在 {1} 的平衡中是不同种类的量（体积、质量、能量）：请用同一类单位给出"),
        Entry(english: "the streams {} are rates on different time bases; converting them needs the operating time: give hours_per_day (日运行时间) or days_per_year (年运行天数) in nodes.csv, or the command's operating-time option",
              chinese: "流股 {0} 是不同时间基准的流率；换算需要运行时间：请在 nodes.csv 中给出 hours_per_day（日运行时间）或 days_per_year（年运行天数），或使用命令的运行时间选项"),
        Entry(english: "the streams {} have no unit, but other streams of their balances are converted: give every stream of those balances its unit",
              chinese: "流股 {0} 没有单位，而其所在平衡的其他流股经过了单位换算：请为这些平衡的每个流股给出单位"),
        Entry(english: "relation '{}' has a coefficient or constant that is not a finite number", chinese: "关系式“{0}”的系数或常数不是有限数值"),
        Entry(english: "stream '{}': a total over the test period ({}) cannot be added to rates ({}): give every stream of the case on one time basis",
              chinese: "流股“{0}”：测试期总量（{1}）不能与流率（{2}）相加：请将案例的所有流股统一为一种时间基准"),
        Entry(english: "0 or {} … {} in magnitude", chinese: "0 或绝对值 {0} … {1}"),
        Entry(english: "empty", chinese: "空"),
        Entry(english: "equation '{}': {}", chinese: "方程“{0}”：{1}"),
        Entry(english: "stream '{}', component '{}': {}", chinese: "流股“{0}”，组分“{1}”：{2}"),
        // A cell of an input file: its stream and column, then what is wrong with it (after the location).
        Entry(english: "stream '{}', column '{}': {}", chinese: "流股“{0}”，列“{1}”：{2}"),
        Entry(english: "column '{}': {}", chinese: "列“{0}”：{1}"),
        Entry(english: "node '{}', column '{}': {}", chinese: "节点“{0}”，列“{1}”：{2}"),
        Entry(english: "carrier '{}', column '{}': {}", chinese: "能源品种“{0}”，列“{1}”：{2}"),
        Entry(english: "product '{}', column '{}': {}", chinese: "产品“{0}”，列“{1}”：{2}"),
        Entry(english: "measure '{}', column '{}': {}", chinese: "措施“{0}”，列“{1}”：{2}"),
        Entry(english: "equation '{}', column '{}': {}", chinese: "方程“{0}”，列“{1}”：{2}"),
        Entry(english: "node '{}': {}", chinese: "节点“{0}”：{1}"),
        Entry(english: "carrier '{}': {}", chinese: "能源品种“{0}”：{1}"),
        Entry(english: "product '{}': {}", chinese: "产品“{0}”：{1}"),
        Entry(english: "measure '{}': {}", chinese: "措施“{0}”：{1}"),
        // Rarer data errors (issue 13): other files' locations, the water kinds, concentrations, bounds, files a command
        // does not use, undetermined streams, energy units.
        Entry(english: "relation '{}', stream '{}', column '{}': {}", chinese: "关系式“{0}”，流股“{1}”，列“{2}”：{3}"),
        Entry(english: "relation '{}', column '{}': {}", chinese: "关系式“{0}”，列“{1}”：{2}"),
        Entry(english: "pair '{}'–'{}', column '{}': {}", chinese: "流股对“{0}”–“{1}”，列“{2}”：{3}"),
        Entry(english: "stream '{}' (kind {}): {}", chinese: "流股“{0}”（类型 {1}）：{2}"),
        Entry(english: "component '{}' of stream '{}': {}", chinese: "流股“{1}”的组分“{0}”：{2}"),
        Entry(english: "the coefficient is empty", chinese: "系数为空"),
        Entry(english: "the equation id is empty", chinese: "方程编号为空"),
        Entry(english: "the equation is empty", chinese: "方程为空"),
        Entry(english: "the stream is empty", chinese: "流股为空"),
        Entry(english: "the component is empty", chinese: "组分为空"),
        Entry(english: "the product is empty", chinese: "产品为空"),
        Entry(english: "the energy consumption is empty", chinese: "能源消费量为空"),
        Entry(english: "the carrier is empty", chinese: "能源品种为空"),
        Entry(english: "the file is empty", chinese: "文件为空"),
        Entry(english: "the mapping file is empty", chinese: "对应关系文件为空"),
        Entry(english: "constant {} conflicts with constant {} on line {}: give the constant once, or the same on every row of the relation",
              chinese: "常数 {0} 与第 {2} 行的常数 {1} 矛盾：常数只写一次，或在关系式的每一行写相同的值"),
        Entry(english: "give a covariance or a correlation, not both", chinese: "协方差与相关系数只能给一个，不能同时给出"),
        Entry(english: "the stream has a value here and {} reading(s) in {} (line {}): give the value or the readings, not both",
              chinese: "该流股在此处有数值，又在 {1}（第 {2} 行）有 {0} 次读数：数值与读数只能给一种"),
        Entry(english: "the unit '{}' differs from the unit '{}' of the stream's readings in {} (line {})",
              chinese: "单位“{0}”与 {2}（第 {3} 行）中该流股读数的单位“{1}”不同"),
        Entry(english: "a water volume cannot be negative ({}): check the sign, or the direction (from/to) of the stream",
              chinese: "水量不能为负（{0}）：请检查符号，或流股的方向（from/to）"),
        Entry(english: "new water must enter a node inside the boundary, but this stream leaves it (use discharge, export, consumption or leakage)",
              chinese: "新水必须进入边界内的节点，而此流股离开边界（请用 discharge、export、consumption 或 leakage）"),
        Entry(english: "circulating water must leave and enter the same node (from = to); draw the circulating system as one node with a loop, or use series for water passed to another unit",
              chinese: "循环水必须从同一节点流出又流入（from = to）；请把循环系统画成带自环的一个节点，传给其他单元的水请用 series"),
        Entry(english: "series water must come from a unit inside the boundary (water from outside is intake)",
              chinese: "串联水必须来自边界内的单元（来自边界外的水为 intake）"),
        Entry(english: "series water must go to a unit inside the boundary (water leaving it is discharge or export)",
              chinese: "串联水必须流向边界内的单元（离开边界的水为 discharge 或 export）"),
        Entry(english: "condensate return must go from a unit to a boiler inside the boundary (or loop on the boiler)",
              chinese: "冷凝水回用必须从单元流向边界内的锅炉（或在锅炉上自环）"),
        Entry(english: "steam leaving the boundary is export (外供) if sold, consumption (耗水) if lost — state which",
              chinese: "离开边界的蒸汽外售为 export（外供），损失为 consumption（耗水）——请注明是哪一种"),
        Entry(english: "steam from outside the boundary: state it as intake", chinese: "来自边界外的蒸汽：请标为 intake"),
        Entry(english: "discharge must leave a unit inside the boundary (water entering from outside is intake)",
              chinese: "排水必须从边界内的单元流出（从边界外进入的水为 intake）"),
        Entry(english: "discharge cannot be a loop", chinese: "排水不能是自环"),
        Entry(english: "{} leaves the water system, so it must end outside the boundary (empty 'to'), not at node '{}' (water passed to another unit is series or discharge)",
              chinese: "{0} 离开用水系统，必须终止于边界外（'to' 为空），而不是节点“{1}”（传给其他单元的水为 series 或 discharge）"),
        Entry(english: "{} must leave a unit inside the boundary", chinese: "{0} 必须从边界内的单元流出"),
        Entry(english: "unknown concentration unit '{}' (write a mass fraction, %, ppm, mg/kg, g/kg, kg/t, mg/L, g/L, kg/m3)",
              chinese: "未知的浓度单位“{0}”（请写质量分数、%、ppm、mg/kg、g/kg、kg/t、mg/L、g/L、kg/m3）"),
        Entry(english: "the concentration {} is negative", chinese: "浓度 {0} 为负"),
        Entry(english: "a mass fraction of {} is more than the whole (over 1, or 100 %)", chinese: "质量分数 {0} 超过整体（大于 1 或 100 %）"),
        Entry(english: "the bounds cannot all be met: with {} the balances ({}) cannot be satisfied — check lower/upper and the fixed values",
              chinese: "上下限无法同时满足：当 {0}时，平衡（{1}）无法成立——请检查 lower/upper 与固定值"),
        Entry(english: "the bounds cannot all be met: with {} the balances cannot be satisfied — check lower/upper and the fixed values",
              chinese: "上下限无法同时满足：当 {0}时，平衡无法成立——请检查 lower/upper 与固定值"),
        Entry(english: "{} at its lower bound, {}", chinese: "{0} 取下限，{1}"),
        Entry(english: "{} at its upper bound, {}", chinese: "{0} 取上限，{1}"),
        Entry(english: "{} at its lower bound", chinese: "{0} 取下限"),
        Entry(english: "{} at its upper bound", chinese: "{0} 取上限"),
        Entry(english: "`{}` does not use component values (only `reconcile`, `energy` and `material` do): remove {} from the case or run one of those",
              chinese: "`{0}` 不使用组分数据（仅 `reconcile`、`energy` 和 `material` 使用）：请从案例中删除 {1}，或运行其中之一"),
        Entry(english: "`{}` does not use correlated measurement errors (only `reconcile` does): remove {} from the case or run `reconcile`",
              chinese: "`{0}` 不使用相关的测量误差（仅 `reconcile` 使用）：请从案例中删除 {1}，或运行 `reconcile`"),
        Entry(english: "`{}` does not use equations (only `reconcile` does): remove {} from the case or run `reconcile`",
              chinese: "`{0}` 不使用方程（仅 `reconcile` 使用）：请从案例中删除 {1}，或运行 `reconcile`"),
        Entry(english: "the {} column is used by `reconcile` only (component balances), not by `{}`: remove it or run `reconcile`",
              chinese: "{0} 列仅由 `reconcile` 使用（组分平衡），`{1}` 不使用：请删除该列，或运行 `reconcile`"),
        Entry(english: "the {} bound is used by `reconcile` only, not by `{}`: remove the lower/upper columns or run `reconcile`",
              chinese: "{0} 限值仅由 `reconcile` 使用，`{1}` 不使用：请删除 lower/upper 列，或运行 `reconcile`"),
        Entry(english: "the balances do not determine the unmeasured stream(s) {}: more unknowns than independent balances there — measure one of them, or use `balance reconcile`",
              chinese: "平衡方程不能确定未测流股 {0}：该处未知量多于独立的平衡方程——请测量其中之一，或使用 `balance reconcile`"),
        Entry(english: "the balances do not determine the unmeasured stream(s) {} (each lies on a loop of unmeasured streams, or two unknowns share every balance): measure one of them",
              chinese: "平衡方程不能确定未测流股 {0}（各自位于未测流股构成的回路上，或两个未知量共用所有平衡方程）：请测量其中之一"),
        Entry(english: "the balances do not determine the unmeasured stream(s) {} (each lies on a loop of unmeasured streams or in no balance): measure or estimate one of them",
              chinese: "平衡方程不能确定未测流股 {0}（各自位于未测流股构成的回路上，或不在任何平衡中）：请测量或估计其中之一"),
        Entry(english: "the balances do not determine the unmeasured stream(s) {} (two unknowns share every balance, or they lie on a loop): measure one of them",
              chinese: "平衡方程不能确定未测流股 {0}（两个未知量共用所有平衡方程，或位于回路上）：请测量其中之一"),
        // The balances an undetermined stream lies in (`X (in node A, node B); Y (in no balance)`), inside the sentences above.
        Entry(english: "{} (in no balance); {}", chinese: "{0}（不在任何平衡中）；{1}", partOnly: true),
        Entry(english: "{} (in {}); {}", chinese: "{0}（位于{1}）；{2}", partOnly: true),
        Entry(english: "{} (in no balance)", chinese: "{0}（不在任何平衡中）", partOnly: true),
        Entry(english: "{} (in {})", chinese: "{0}（位于{1}）", partOnly: true),
        Entry(english: "node {}, {}", chinese: "节点 {0}、{1}", partOnly: true),
        Entry(english: "relation {}, {}", chinese: "关系式 {0}、{1}", partOnly: true),
        Entry(english: "node {}", chinese: "节点 {0}", partOnly: true),
        Entry(english: "relation {}", chinese: "关系式 {0}", partOnly: true),
        Entry(english: "the value has no unit: give the unit ({})", chinese: "数值没有单位：请给出单位（{0}）"),
        Entry(english: "unknown unit '{}' (known units: {})", chinese: "未知单位“{0}”（可识别的单位：{1}）"),
        Entry(english: "the unit '{}' is mass, which needs a carrier to convert to standard coal: give the carrier (能源品种), or write the value in tce, kgce or GJ",
              chinese: "单位“{0}”是质量单位，折标准煤需要能源品种：请给出能源品种，或以 tce、kgce 或 GJ 填写数值"),
        Entry(english: "the unit '{}' is volume, which needs a carrier to convert to standard coal: give the carrier (能源品种), or write the value in tce, kgce or GJ",
              chinese: "单位“{0}”是体积单位，折标准煤需要能源品种：请给出能源品种，或以 tce、kgce 或 GJ 填写数值"),
        Entry(english: "the heating value unit '{}' is not energy per mass or volume (write MJ/kg, kJ/kg, kcal/kg, GJ/t, MJ/m3, kcal/m3 …)",
              chinese: "热值单位“{0}”不是单位质量或单位体积的能量（请写 MJ/kg、kJ/kg、kcal/kg、GJ/t、MJ/m3、kcal/m3 …）"),
        Entry(english: "the heating value {} is not positive", chinese: "热值 {0} 不是正数"),
        Entry(english: "the unit '{}' is not energy per output unit (write tce/t, kgce/t, kWh/t, m3/件 …)",
              chinese: "单位“{0}”不是单位产品的能耗（请写 tce/t、kgce/t、kWh/t、m3/件 …）"),
        // Usage errors (exit 64) of the options and of what a command is given (the argument parser's own stay English).
        Entry(english: "--alpha must lie strictly between 0 and 1.", chinese: "--alpha 必须严格介于 0 与 1 之间。"),
        Entry(english: "--default-uncertainty must be a positive number or a percentage such as 2%.",
              chinese: "--default-uncertainty 必须是正数或百分数，如 2%。"),
        Entry(english: "--hours-per-day must lie in (0, 24].", chinese: "--hours-per-day 必须在 (0, 24] 之内。"),
        Entry(english: "--days-per-year must lie in (0, 366].", chinese: "--days-per-year 必须在 (0, 366] 之内。"),
        Entry(english: "{} must be a non-negative fraction ({}) or percentage ({}).", chinese: "{0} 必须是非负小数（{1}）或百分数（{2}）。"),
        Entry(english: "--map pairs the streams of two cases: it is used by `compare` and by `report --after`.",
              chinese: "--map 用于对应两个案例的流股：仅 `compare` 与 `report --after` 使用。"),
        Entry(english: "--output-value must be a positive number (万元 over the period of the flows).",
              chinese: "--output-value 必须是正数（流量所在时段的产值，万元）。"),
        Entry(english: "--staff must be a positive number of employees.", chinese: "--staff 必须是正的职工人数。"),
        Entry(english: "--exact and --default-uncertainty contradict each other.", chinese: "--exact 与 --default-uncertainty 相互矛盾。"),
        Entry(english: "--electricity-equivalent must be a positive number of kgce/kWh, e.g. 0.300.",
              chinese: "--electricity-equivalent 必须是以 kgce/kWh 计的正数，如 0.300。"),
        Entry(english: "--kilojoules-per-kcal must be a positive number (4.1868).", chinese: "--kilojoules-per-kcal 必须是正数（4.1868）。"),
        Entry(english: "{} is the AFTER case's figure: give the BEFORE case's with {} too.",
              chinese: "{0} 是 AFTER 案例的数值：请同时用 {1} 给出 BEFORE 案例的数值。"),
        Entry(english: "{} must be a positive number.", chinese: "{0} 必须是正数。"),
        Entry(english: "--benchmark: unknown indicator '{}' (use one of {}).", chinese: "--benchmark：未知指标“{0}”（可用：{1}）。"),
        Entry(english: "--benchmark {}: the value must be a number or a percentage.", chinese: "--benchmark {0}：数值必须是数字或百分数。"),
        // The argument parser's own usage errors (swift-argument-parser's wording), printed by `balance` in Chinese.
        Entry(english: "Unknown option '{}'. Did you mean '{}'?", chinese: "未知选项“{0}”。是否应为“{1}”？"),
        Entry(english: "Unknown option '{}'", chinese: "未知选项“{0}”"),
        Entry(english: "Missing value for '{}'", chinese: "缺少“{0}”的值"),
        Entry(english: "Missing expected argument '{}'", chinese: "缺少必需的参数“{0}”"),
        Entry(english: "Missing one of: {}", chinese: "缺少以下之一：{0}"),
        Entry(english: "Unexpected argument '{}'", chinese: "多余的参数“{0}”"),
        Entry(english: "{} unexpected arguments: {}", chinese: "{0} 个多余的参数：{1}"),
        Entry(english: "The option '{}' does not take any value, but '{}' was specified.", chinese: "选项“{0}”不带值，但给出了“{1}”。"),
        Entry(english: "The value '{}' is invalid for '{}'. Please provide one of the following:\n{}",
              chinese: "“{0}”不是“{1}”的有效值。请给出以下之一：\n{2}"),
        Entry(english: "The value '{}' is invalid for '{}'. Please provide one of {}.", chinese: "“{0}”不是“{1}”的有效值。请给出 {2} 之一。"),
        Entry(english: "The value '{}' is invalid for '{}': {}", chinese: "“{0}”不是“{1}”的有效值：{2}"),
        Entry(english: "The value '{}' is invalid for '{}'", chinese: "“{0}”不是“{1}”的有效值"),
        Entry(english: "{} must be a positive number or a percentage such as 2%.", chinese: "{0} 必须是正数或百分数，如 2%。"),
        Entry(english: "unknown command '{}' — did you mean '{}'? (commands: {})", chinese: "未知命令“{0}”——是否应为“{1}”？（命令：{2}）"),
        Entry(english: "unknown command '{}' (commands: {})", chinese: "未知命令“{0}”（命令：{1}）"),
        // The options object (`ab_run`, `--options`, the Python package).
        Entry(english: "the options are not valid JSON: {}", chinese: "选项不是有效的 JSON：{0}"),
        Entry(english: "the options must be a JSON object, e.g. {\"alpha\": 0.01}", chinese: "选项必须是 JSON 对象，如 {\"alpha\": 0.01}"),
        Entry(english: "unknown option \"{}\" (options: {})", chinese: "未知选项“{0}”（可用选项：{1}）"),
        Entry(english: "option \"{}\": expected {}", chinese: "选项“{0}”：应为{1}"),
        Entry(english: "a number", chinese: "数字", partOnly: true),
        Entry(english: "a text", chinese: "文本", partOnly: true),
        Entry(english: "a whole number", chinese: "整数", partOnly: true),
        Entry(english: "a non-negative whole number", chinese: "非负整数", partOnly: true),
        Entry(english: "an array of texts", chinese: "文本数组", partOnly: true),
        Entry(english: "true or false", chinese: "true 或 false", partOnly: true),
        Entry(english: "auto, utf-8 or gb18030", chinese: "auto、utf-8 或 gb18030", partOnly: true),
        Entry(english: "one of {}", chinese: "{0} 之一", partOnly: true),
        Entry(english: "a fraction (0.05) or a percentage (\"5%\")", chinese: "小数（0.05）或百分数（\"5%\"）", partOnly: true),
        Entry(english: "a number or a percentage such as \"2%\"", chinese: "数字或百分数，如 \"2%\"", partOnly: true),
        Entry(english: "no files: give at least streams.csv or a workbook", chinese: "没有文件：至少给出 streams.csv 或一个工作簿"),
        Entry(english: "a workbook ({}) holds the whole case: give it alone", chinese: "工作簿（{0}）包含整个案例：请只给出该工作簿"),
        Entry(english: "'{}' is given twice", chinese: "“{0}”给出了两次"),
        Entry(english: "--coefficients '{}' is neither gbt2589-2020, gbt2589-2008 nor an existing coefficients.csv",
              chinese: "--coefficients “{0}”既不是 gbt2589-2020、gbt2589-2008，也不是已存在的 coefficients.csv"),
        Entry(english: "--solver {}: this case has component values, equations or bounds, which the nonlinear reconciliation solves with the dense projection at each step (use --solver automatic or dense)",
              chinese: "--solver {0}：此案例有组分数据、方程或上下限，非线性协调每一步都用稠密投影求解（请用 --solver automatic 或 dense）"),
        Entry(english: "--sankey-component '{}' is not a component of components.csv (components: {})",
              chinese: "--sankey-component “{0}”不是 components.csv 中的组分（组分：{1}）"),
        Entry(english: "savings needs two periods: the base and the reporting period", chinese: "savings 需要两个时期：基期与报告期"),
        Entry(english: "compare needs two cases: BEFORE and AFTER", chinese: "compare 需要两个案例：BEFORE 与 AFTER"),
        Entry(english: "savings reads two period folders, not a balance case", chinese: "savings 读取两个时期的文件夹，而不是一个平衡案例"),
        Entry(english: "compare reads two cases (BEFORE and AFTER), not one", chinese: "compare 读取两个案例（BEFORE 与 AFTER），而不是一个"),
        Entry(english: "{} is a file of the case: writing the result there would overwrite the input; choose another file",
              chinese: "{0} 是案例的输入文件：把结果写在那里会覆盖输入；请另选文件"),
        // The other files' and the standards' refusals (issue 13: every error in both languages).
        Entry(english: "the stream's source '{}' says its value is {}, not read by meter {}: correct one of them",
              chinese: "流股的数据来源“{0}”说明其数值为{1}，并非由仪表 {2} 读取：请更正其中之一"),
        Entry(english: "class {} differs from the class {} named by the stream's source '{}'",
              chinese: "等级 {0} 与流股数据来源“{2}”所写的等级 {1} 不同"),
        Entry(english: "the mapping file needs a 'before' and an 'after' column (实施前, 实施后); found: {}",
              chinese: "对应关系文件需要“before”与“after”两列（实施前、实施后）；现有：{0}"),
        Entry(english: "a pair needs both ids (before and after)", chinese: "每一对都需要两个编号（实施前与实施后）"),
        Entry(english: "'{}' is mapped twice (also on line {})", chinese: "“{0}”对应了两次（另见第 {1} 行）"),
        Entry(english: "the case folder '{}' has no streams.csv (a case needs at least that file); to read the workbook {}, give its path: {}",
              chinese: "案例文件夹“{0}”中没有 streams.csv（案例至少需要该文件）；要读取工作簿 {1}，请给出其路径：{2}"),
        Entry(english: "the case folder '{}' has no streams.csv (a case needs at least that file)",
              chinese: "案例文件夹“{0}”中没有 streams.csv（案例至少需要该文件）"),
        Entry(english: "the sheets '{}' and '{}' both hold {}: keep one", chinese: "工作表“{0}”与“{1}”都是 {2}：请只保留一个"),
        Entry(english: "the value is 0, so the relative default uncertainty {} would fix it exactly: give an absolute sigma for this stream",
              chinese: "数值为 0，相对默认不确定度 {0} 会把它当作精确值：请为该流股给出绝对的 sigma"),
        Entry(english: "{} is not an operating time of a day (give hours, 0 < h ≤ 24)", chinese: "{0} 不是每天的运行时间（请给出小时数，0 < h ≤ 24）"),
        Entry(english: "{} is not a number of operating days in a year (0 < d ≤ 366)", chinese: "{0} 不是每年的运行天数（0 < d ≤ 366）"),
        Entry(english: "'{}' is not a node type (write splitter/分流 for a node whose outlets keep the inlet's composition, or leave it empty)",
              chinese: "“{0}”不是节点类型（出口保持入口组成的节点写 splitter/分流，否则留空）"),
        Entry(english: "no such file or folder ({} period)", chinese: "文件或文件夹不存在（{0}期）"),
        Entry(english: "the {} period folder has no period.csv", chinese: "{0}期文件夹中没有 period.csv"),
        Entry(english: "product, carrier, quantity and unit are all required", chinese: "产品、能源品种、数量和单位都必须填写"),
        Entry(english: "measure, before, after, output and unit are all required", chinese: "措施、实施前、实施后、产量和单位都必须填写"),
        Entry(english: "the unit is empty (write kgce/kg, kgce/m3, kgce/kWh, tce/万kWh, kgce/MJ …)",
              chinese: "单位为空（请写 kgce/kg、kgce/m3、kgce/kWh、tce/万kWh、kgce/MJ …）"),
        Entry(english: "{} is measured in {}, so its coefficient must be per such a unit, not per {}",
              chinese: "{0} 以{1}计量，其折标系数必须按该类单位计，而不是按 {2}"),
        Entry(english: "'{}' is not standard coal per physical unit (write kgce/kg, kgce/t, kgce/m3, tce/万m3, kgce/kWh, tce/万kWh, kgce/MJ, tce/GJ …)",
              chinese: "“{0}”不是单位实物量的标准煤（请写 kgce/kg、kgce/t、kgce/m3、tce/万m3、kgce/kWh、tce/万kWh、kgce/MJ、tce/GJ …）"),
        Entry(english: "the header gives the unit '{}', but column {} ('{}') gives '{}': one unit per file",
              chinese: "表头给出的单位是“{0}”，但第 {1} 列（“{2}”）给出“{3}”：一个文件只用一种单位"),
        Entry(english: "{} is fixed at {}, below its lower bound {}", chinese: "{0} 固定为 {1}，低于其下限 {2}"),
        Entry(english: "{} is fixed at {}, above its upper bound {}", chinese: "{0} 固定为 {1}，高于其上限 {2}"),
        Entry(english: "stream '{}' ({}): {} is negative; only a stock change (库存变化, kind stock) may be negative — check the sign or the direction of the stream",
              chinese: "流股“{0}”（{1}）：{2} 为负；只有库存变化（kind stock）可以为负——请检查符号或流股方向"),
        Entry(english: "has neither from nor to: an energy stream must enter or leave a node", chinese: "既没有 from 也没有 to：能源流股必须进入或离开某个节点"),
        Entry(english: "unknown energy carrier '{}': not in {} (did you mean {}?); write a GB/T 2589 name such as 原煤/raw-coal, 电力/electricity, 柴油/diesel, 气田天然气, 蒸汽/steam, 热力/heat, or define it in coefficients.csv",
              chinese: "未知能源品种“{0}”：{1} 中没有（是否应为 {2}？）；请写 GB/T 2589 的名称，如 原煤、电力、柴油、气田天然气、蒸汽、热力，或在 coefficients.csv 中定义"),
        Entry(english: "unknown energy carrier '{}': not in {}; write a GB/T 2589 name such as 原煤/raw-coal, 电力/electricity, 柴油/diesel, 气田天然气, 蒸汽/steam, 热力/heat, or define it in coefficients.csv",
              chinese: "未知能源品种“{0}”：{1} 中没有；请写 GB/T 2589 的名称，如 原煤、电力、柴油、气田天然气、蒸汽、热力，或在 coefficients.csv 中定义"),
        Entry(english: "carrier {} cannot be measured in '{}', which is {}; use {}", chinese: "能源品种 {0} 不能以“{1}”计量（该单位为{2}）；请用{3}"),
        Entry(english: "mass (t, kg)", chinese: "质量（t、kg）", partOnly: true),
        Entry(english: "volume (m3, 万m3)", chinese: "体积（m3、万m3）", partOnly: true),
        Entry(english: "electricity (kWh, 万kWh, MWh)", chinese: "电量（kWh、万kWh、MWh）", partOnly: true),
        Entry(english: "energy (GJ, MJ, kcal)", chinese: "能量（GJ、MJ、kcal）", partOnly: true),
        Entry(english: "standard coal (tce, kgce)", chinese: "标准煤（tce、kgce）", partOnly: true),
        Entry(english: "mass (t, kg) or volume (m3, 万m3)", chinese: "质量（t、kg）或体积（m3、万m3）", partOnly: true),
        Entry(english: "volume (m3, 万m3) or mass (t, kg)", chinese: "体积（m3、万m3）或质量（t、kg）", partOnly: true),
        Entry(english: "{} has no coefficient for {}; give its heating value in components.csv or its coefficient in coefficients.csv",
              chinese: "{0} 没有 {1} 的折标系数；请在 components.csv 中给出其热值，或在 coefficients.csv 中给出其折标系数"),
        Entry(english: "{} has no coefficient for {}: {}", chinese: "{0} 没有 {1} 的折标系数：{2}"),
        Entry(english: "kJ per kcal must lie between 4 and 4.3 (4.1868 IT calorie, 4.1816 in the 2008 kJ column); got {}",
              chinese: "每千卡的千焦数必须在 4 与 4.3 之间（国际蒸汽表卡 4.1868，2008 版千焦列 4.1816）；给出的是 {0}"),
        Entry(english: "the heating value {} has no unit: write it as energy per quantity, e.g. MJ/kg, kcal/kg, MJ/m3, GJ/t",
              chinese: "热值 {0} 没有单位：请写成单位数量的能量，如 MJ/kg、kcal/kg、MJ/m3、GJ/t"),
        Entry(english: "the heating value unit '{}' is per mass, but {} is measured by volume", chinese: "热值单位“{0}”按质量计，但{1}按体积计量"),
        Entry(english: "the heating value unit '{}' is per volume, but {} is measured by mass", chinese: "热值单位“{0}”按体积计，但{1}按质量计量"),
        Entry(english: "an id with '[', ']' or ':' cannot take part in the reconciliation of heating values; rename it",
              chinese: "编号含“[”“]”或“:”的流股不能参与热值协调；请改名"),
        Entry(english: "the balances cannot determine {}: give a value (or more component values) for them",
              chinese: "平衡方程不能确定 {0}：请给出其数值（或更多组分数据）"),
        Entry(english: "the balances cannot determine {}", chinese: "平衡方程不能确定 {0}"),
        Entry(english: "the {} must be a positive number (got {})", chinese: "{0}必须是正数（给出的是 {1}）"),
        Entry(english: "the closure tolerance must be a non-negative number", chinese: "闭合容差必须是非负数"),
        Entry(english: "the tolerance must be ≥ 0 and the density > 0", chinese: "容差必须 ≥ 0，密度必须 > 0"),
        Entry(english: "the amount {} is negative; a material balance adds masses that flow one way — check the sign or the direction (from/to)",
              chinese: "数量 {0} 为负；物料平衡相加的是单向流动的质量——请检查符号或方向（from/to）"),
        Entry(english: "stream '{}' has neither from nor to: a material stream enters or leaves a unit operation",
              chinese: "流股“{0}”既没有 from 也没有 to：物料流股必须进入或离开某个单元操作"),
        Entry(english: "the value has no unit while other streams have one", chinese: "该数值没有单位，而其他流股有单位"),
        Entry(english: "'{}' is not a mass or volume unit (write t, kg, m3, optionally per period: t/d, kg/批)",
              chinese: "“{0}”不是质量或体积单位（请写 t、kg、m3，可带时段：t/d、kg/批）"),
        Entry(english: "stream '{}' is in '{}' but the balance is in '{}' (first unit given): convert to one dimension and period (water: 1 m3 ≈ 1 t)",
              chinese: "流股“{0}”的单位是“{1}”，而平衡以“{2}”计（首个给出的单位）：请换算为同一量纲与时段（水：1 m3 ≈ 1 t）"),
        Entry(english: "{}: product '{}' needs a positive output and a finite energy consumption (got output {}, energy {})",
              chinese: "{0}：产品“{1}”需要正的产量和有限的能耗（给出的产量 {2}，能耗 {3}）"),
        Entry(english: "product '{}': the output is in '{}' in the base period but in '{}' in the reporting period; use one unit",
              chinese: "产品“{0}”：产量在基期以“{1}”计，在报告期以“{2}”计；请用同一单位"),
        Entry(english: "the case converts stream units ({}), but equations.csv is written with the flows as given: give every stream in one unit",
              chinese: "案例换算了流股单位（{0}），但 equations.csv 是按给定流量书写的：请所有流股使用同一单位"),
        Entry(english: "--trials must be a positive whole number.", chinese: "--trials 必须是正整数。"),
        Entry(english: "--bias must be a number.", chinese: "--bias 必须是数字。"),
        Entry(english: "--improvement-factor must lie in (0, 1).", chinese: "--improvement-factor 必须在 (0, 1) 之内。"),
        Entry(english: "--new-meter-uncertainty must be a positive number or percentage.", chinese: "--new-meter-uncertainty 必须是正数或百分数。"),
        Entry(english: "--top must be zero or a positive whole number.", chinese: "--top 必须是 0 或正整数。"),
        Entry(english: "--balance must be one of {}.", chinese: "--balance 必须是 {0} 之一。"),
        Entry(english: "--benchmark must be one of {} or KEY=VALUE.", chinese: "--benchmark 必须是 {0} 之一，或 KEY=VALUE。"),
        Entry(english: "'{}' is not a case file (case files: {}, or one .xlsx workbook)", chinese: "“{0}”不是案例文件（案例文件：{1}，或一个 .xlsx 工作簿）"),
        Entry(english: "`{}` does not write {} (its formats: {})", chinese: "`{0}` 不输出 {1}（其格式：{2}）"),
        Entry(english: "`balance report` writes html, pdf, markdown or json, not {} (the tables are in `balance {} --format {}`)",
              chinese: "`balance report` 输出 html、pdf、markdown 或 json，不输出 {0}（表格见 `balance {1} --format {2}`）"),
        Entry(english: "--format {} is the format of `balance report` (the audit report); `{}` writes table, json, csv, markdown or xlsx",
              chinese: "--format {0} 是 `balance report`（审核报告）的格式；`{1}` 输出 table、json、csv、markdown 或 xlsx"),
        Entry(english: "{}: only a diagram (SVG) can be written as {}; give this file a .dot or .txt name",
              chinese: "{0}：只有图（SVG）可以写成 {1}；请把此文件命名为 .dot 或 .txt"),
        Entry(english: "cannot write the result to standard output: {}", chinese: "无法把结果写到标准输出：{0}"),
        Entry(english: "cannot write {}: {}", chinese: "无法写入 {0}：{1}"),
        Entry(english: "{} is not well-formed XML at byte {}: {}", chinese: "{0} 不是格式正确的 XML（第 {1} 字节）：{2}"),
        Entry(english: "a column beyond XFD", chinese: "列超出 XFD"),
        Entry(english: "'{}' is not a cell reference (row {})", chinese: "“{0}”不是单元格引用（第 {1} 行）"),
        Entry(english: "the systematic part {} is larger than the stream's standard uncertainty {}: it is a part of σ, not added to it",
              chinese: "系统误差部分 {0} 大于流股的标准不确定度 {1}：它是 σ 的一部分，而不是加在 σ 上"),
        Entry(english: "--command must be one of {} (got '{}').", chinese: "--command 必须是 {0} 之一（给出的是“{1}”）。"),
        Entry(english: "--jobs must be at least 1.", chinese: "--jobs 至少为 1。"),
        Entry(english: "\"format\": {} is a binary file, which an options object cannot return: write it with `balance {} --format {} --output FILE`",
              chinese: "“format”：{0} 是二进制文件，选项对象无法返回：请用 `balance {1} --format {2} --output FILE` 写出"),
        // Damaged files: encodings, CSV syntax, workbooks (the XML parser's own details stay as written).
        Entry(english: "not a ZIP archive (an .xlsx workbook is one); the file may be damaged or not a workbook",
              chinese: "不是 ZIP 压缩包（.xlsx 工作簿是 ZIP 格式）；文件可能已损坏，或不是工作簿"),
        Entry(english: "cannot read the directory entry of {}", chinese: "无法读取 {0} 的目录项"),
        Entry(english: "cannot open {} (encrypted or an unknown compression method?)", chinese: "无法打开 {0}（已加密或压缩方法未知？）"),
        Entry(english: "a ZIP archive without {}: not an .xlsx workbook (an .xls or .ods file must be saved as .xlsx, or its sheets as CSV)",
              chinese: "ZIP 压缩包中没有 {0}：不是 .xlsx 工作簿（.xls 或 .ods 文件须另存为 .xlsx，或将各工作表另存为 CSV）"),
        Entry(english: "the sheet's part {} is missing from the workbook", chinese: "工作簿中缺少该工作表的部件 {0}"),
        Entry(english: "the cell refers to shared string {}, which the workbook does not have", chinese: "该单元格引用共享字符串 {0}，但工作簿中没有该字符串"),
        Entry(english: "the cell holds the Excel error {} (a formula that failed): correct the formula or clear the cell",
              chinese: "该单元格为 Excel 错误值 {0}（公式计算失败）：请更正公式或清空单元格"),
        Entry(english: "the cell holds a formula without a saved value: open the workbook in Excel or LibreOffice and save it, so that the values are stored with it",
              chinese: "该单元格的公式没有保存的计算结果：请在 Excel 或 LibreOffice 中打开工作簿并保存，使数值随之保存"),
        Entry(english: "the cell is given twice or out of order in the sheet's XML", chinese: "该单元格在工作表的 XML 中重复出现或顺序错乱"),
        Entry(english: "row {} comes after row {} in the sheet's XML", chinese: "工作表的 XML 中第 {0} 行排在第 {1} 行之后"),
        Entry(english: "the cell {} is stored in row {}", chinese: "单元格 {0} 存放在第 {1} 行"),
        Entry(english: "the sheet's XML is not well-formed: {}", chinese: "工作表的 XML 格式不正确：{0}"),
        Entry(english: "the file is UTF-16 (Excel's \"Unicode text\"), which is not supported: save it as \"CSV UTF-8\" or \"CSV (comma delimited)\"",
              chinese: "文件为 UTF-16 编码（Excel 的“Unicode 文本”），不受支持：请另存为“CSV UTF-8”或“CSV（逗号分隔）”"),
        Entry(english: "invalid UTF-8 at byte offset {} (line {}): {}; if the file was saved by Excel as \"CSV (comma delimited)\" on Chinese Windows it is GB18030: use the automatic or gb18030 encoding",
              chinese: "第 {0} 字节处（第 {1} 行）不是有效的 UTF-8：{2}；若文件由中文 Windows 上的 Excel 另存为“CSV（逗号分隔）”，则为 GB18030 编码：请使用 automatic 或 gb18030 编码"),
        Entry(english: "the file is neither UTF-8 (first invalid byte at offset {}, line {}) nor GB18030: invalid GB18030 at byte offset {} (line {}): {}; save the file as \"CSV UTF-8\" and check that line",
              chinese: "文件既不是 UTF-8（第一个无效字节在第 {0} 字节，第 {1} 行），也不是 GB18030：第 {2} 字节处（第 {3} 行）不是有效的 GB18030：{4}；请将文件另存为“CSV UTF-8”并检查该行"),
        Entry(english: "invalid GB18030 at byte offset {} (line {}): {}; save the file as \"CSV UTF-8\" and check that line",
              chinese: "第 {0} 字节处（第 {1} 行）不是有效的 GB18030：{2}；请将文件另存为“CSV UTF-8”并检查该行"),
        Entry(english: "a character cut off by the end of the file", chinese: "文件末尾有被截断的字符"),
        Entry(english: "cannot decode GB18030: the C library has no GB18030 converter (iconv_open failed, errno {}); install the glibc gconv modules or save the file as CSV UTF-8",
              chinese: "无法解码 GB18030：C 库没有 GB18030 转换器（iconv_open 失败，errno {0}）；请安装 glibc 的 gconv 模块，或将文件另存为 CSV UTF-8"),
        Entry(english: "unterminated quoted field: the quote opened on line {} (field {}, character {}) is never closed; add the closing quote, and write a quote inside a quoted field as \"\"",
              chinese: "引号字段未结束：第 {0} 行（第 {1} 个字段，第 {2} 个字符）开始的引号没有闭合；请补上闭合引号，引号字段内的引号写作 \"\""),
        Entry(english: "unexpected '{}' after the closing quote of field {} on line {}, character {}: a quoted field must be followed by a comma or the end of the line; write a quote inside a quoted field as \"\"",
              chinese: "第 {2} 行第 {1} 个字段的闭合引号之后出现意外的“{0}”（第 {3} 个字符）：引号字段之后必须是逗号或行尾；引号字段内的引号写作 \"\""),
        Entry(english: "field {} on line {} has spaces before its opening quote (character {}): remove the spaces after the comma, or the quoted text would be split at its commas",
              chinese: "第 {1} 行第 {0} 个字段的开头引号前有空格（第 {2} 个字符）：请删除逗号后的空格，否则引号内的文本会在逗号处被拆开"),
        // Energy (GB/T 3484, GB/T 2589).
        Entry(english: "steam streams {} are converted by their enthalpy but {} by the fixed coefficient: the steam balances mix two bases; give every steam stream in mass units an enthalpy in components.csv",
              chinese: "蒸汽流股 {0} 按焓值折算，而 {1} 按固定系数折算：蒸汽平衡混用了两种基准；请在 components.csv 中为每个以质量计的蒸汽流股给出焓值"),
        Entry(english: "stream(s) {} enter from outside the boundary without a kind: taken as purchase (购入)",
              chinese: "流股 {0} 从边界外进入且未注明类别：按购入处理"),
        Entry(english: "heating values with uncertainties: quantities and heating values were reconciled together (tce = quantity × heating value): {}",
              chinese: "热值带有不确定度：实物量与热值一并协调（tce = 实物量 × 热值）：{0}"),
        Entry(english: "{} does not close: in − out = {} tce (δ = {}, tolerance {} %); the gap is shown as unaccounted loss",
              chinese: "{0} 不闭合：输入 − 输出 = {1} tce（δ = {2}，允许 {3} %）；差额作为不明损失列出"),
        Entry(english: "[negative-value] {} ({}) comes out as {} tce: only a stock change may be negative — the balances around it do not close",
              chinese: "[负值] {0}（{1}）算得 {2} tce：只有库存变化可以为负 —— 其周围的平衡不闭合"),
        Entry(english: "the electricity 等价值 {} kgce/kWh is below its 当量值 {} kgce/kWh (that would be a power plant more than 100 % efficient): check the electricity 等价值 given",
              chinese: "电力等价值 {0} kgce/kWh 低于其当量值 {1} kgce/kWh（相当于效率超过 100 % 的电厂）：请核对所给的电力等价值"),
        Entry(english: "GB/T 2589-2020 Annex A coefficients are taken equal to the 2008 edition [M] and Annex B (working media) and steam values are UNCONFIRMED for 2020 (STANDARDS.md §5.3–5.4): check them against the official text, or use the GB/T 2589-2008 coefficient set or your own coefficients.csv",
              chinese: "GB/T 2589-2020 附录 A 折标系数取与 2008 版相同 [M]，附录 B（耗能工质）与蒸汽的数值在 2020 版中未经确认（STANDARDS.md §5.3–5.4）：请对照正式文本核对，或改用 GB/T 2589-2008 系数或自备的 coefficients.csv"),
        Entry(english: "the global test of the reconciliation fails (χ² = {} with {} degrees of freedom): the measurements contradict the balances, so the figures are doubtful; run `balance reconcile` on the case (in tce) to find the suspect meters",
              chinese: "协调的全局检验未通过（χ² = {0}，自由度 {1}）：测量值与平衡方程矛盾，各项数值存疑；请对案例运行 `balance reconcile`（以 tce 计）查找可疑仪表"),
        Entry(english: "no electricity 等价值 given: the 等价 figures (suppliedEquivalentTce, resourceUtilizationRate, comprehensiveConsumptionEquivalentTce and the 等价值 column) are null; give the electricity 等价值 (kgce/kWh) KGCE_PER_KWH (the year's thermal-power generation coal rate) to compute them",
              chinese: "未给出电力等价值：等价值各项（供入能量等价值、企业能源利用率、综合能耗等价值及等价值列）为空；给出电力等价值（kgce/kWh，当年火力发电标准煤耗）即可计算"),
        Entry(english: "coefficients not confirmed against the official text: {}", chinese: "未经正式文本核对的折标系数：{0}"),
        Entry(english: "working media (耗能工质) are valued at their GB/T 2589 Annex B 等价值 in the 当量 balance too: they have no calorific content of their own",
              chinese: "耗能工质在当量值平衡中也按 GB/T 2589 附录 B 的等价值计：其本身不含热值"),
        Entry(english: "a column of the energy table does not close to 1e-9 (relative residual {}): report this",
              chinese: "能量平衡表有一列未能闭合到 1e-9（相对残差 {0}）：请报告此问题"),
        Entry(english: "the 等价 figures need the electricity 等价值 — option electricityEquivalent (--electricity-equivalent on the command line)",
              chinese: "等价值各项需要电力等价值 —— 命令行选项 --electricity-equivalent（选项对象中为 electricityEquivalent）"),
        Entry(english: "the 等价 figures need the electricity 等价值{}", chinese: "等价值各项需要电力等价值{0}"),
        Entry(english: "using the case's own {} over GB/T 2589-2020 (--coefficients overrides it)",
              chinese: "采用案例自带的 {0}，而非 GB/T 2589-2020（--coefficients 可覆盖）"),
        Entry(english: "stream '{}': {}", chinese: "流股“{0}”：{1}"),
        // Material.
        Entry(english: "component '{}': no value for boundary stream(s) {}, counted as 0 (give 0 explicitly in components.csv when that is meant)",
              chinese: "组分“{0}”：边界流股 {1} 无数值，按 0 计（如确为 0，请在 components.csv 中明确写 0）"),
        Entry(english: "a density of {} kg/m3 was used to combine mass flows with mass-per-volume concentrations (or volume flows with mass fractions); change the density",
              chinese: "采用密度 {0} kg/m3 将质量流量与质量浓度（或体积流量与质量分数）相结合；可修改密度"),
        Entry(english: "reactive component(s) {} do not appear in components.csv", chinese: "反应性组分 {0} 未出现在 components.csv 中"),
        Entry(english: "the concentrations carry uncertainties: flows and component values were reconciled together (Σ F·c balanced at every unit operation; {} Gauss–Newton iterations)",
              chinese: "浓度带有不确定度：流量与组分值一并协调（各单元操作 Σ F·c 平衡；Gauss–Newton 迭代 {0} 次）"),
        Entry(english: "the global test of the reconciliation fails (χ² = {}, {} degrees of freedom): the measurements contradict the balances; run `balance reconcile` on the case to find the suspect meters",
              chinese: "协调的全局检验未通过（χ² = {0}，自由度 {1}）：测量值与平衡方程矛盾；请对案例运行 `balance reconcile` 查找可疑仪表"),
        Entry(english: "[negative-value] {} comes out as {} from the balance of {}: a material amount cannot be negative — the balances around it do not close",
              chinese: "[负值] {0} 由 {2} 的平衡算得 {1}：物料量不能为负 —— 其周围的平衡不闭合"),
        Entry(english: "[negative-value] {} comes out as {}: a material amount cannot be negative — the balances around it do not close",
              chinese: "[负值] {0} 算得 {1}：物料量不能为负 —— 其周围的平衡不闭合"),
        Entry(english: "boundary stream(s) {} are not measured: they are computed from the balance of their unit operation, and δ (given values only) includes them",
              chinese: "边界流股 {0} 未计量：由其单元操作的平衡算得，δ（仅用给定值）包含它们"),
        // Savings (GB/T 13234).
        Entry(english: "product '{}' has no base-period data: it is left out of the product saving",
              chinese: "产品“{0}”无基期数据：不计入产品节能量"),
        Entry(english: "product '{}' has no reporting-period data: it is left out of the product saving",
              chinese: "产品“{0}”无报告期数据：不计入产品节能量"),
        Entry(english: "output values must be at comparable prices (可比价) for the output-value saving",
              chinese: "计算产值节能量时产值须按可比价计"),
        Entry(english: "no output value (产值) in both periods: the output-value and product-mix savings are not computed",
              chinese: "两期均无产值：不计算产值节能量与产品结构节能量"),
        // Input errors (exit 65) most met in practice; the location prefix (`file:line:column: stream 'W03', column
        // '准确度'`) is a part of its own, translated by the first entries.
        Entry(english: "{}: stream '{}', column '{}'", chinese: "{0}：流股“{1}”，列“{2}”"),
        Entry(english: "{}: column '{}'", chinese: "{0}：列“{1}”"),
        Entry(english: "{}: stream '{}'", chinese: "{0}：流股“{1}”"),
        Entry(english: "{}: '{}' is not a number ({})", chinese: "{0}：“{1}”不是数字（{2}）"),
        Entry(english: "{}: the uncertainty '{}' is negative (use 0 for an exactly known value)",
              chinese: "{0}：不确定度“{1}”为负（精确已知的值请用 0）"),
        Entry(english: "{}: the percentage uncertainty '{}' needs a value, and there is none",
              chinese: "{0}：百分比不确定度“{1}”需要测量值，但没有测量值"),
        Entry(english: "{}: more than one uncertainty is given ({}); give only one of sigma, u95 and mpe",
              chinese: "{0}：给出了多个不确定度（{1}）；sigma、u95、mpe 只能给一个"),
        Entry(english: "{}: the stream id is empty (every row of streams.csv needs an id)",
              chinese: "{0}：流股编号为空（streams.csv 每一行都需要编号）"),
        Entry(english: "{}: stream '{}' is not defined in {} (a typo?)", chinese: "{0}：流股“{1}”未在 {2} 中定义（是否拼写有误？）"),
        Entry(english: "{}: required column '{}' is missing from the header (name it {}; the headers found are {})",
              chinese: "{0}：表头缺少必需的列“{1}”（列名可用 {2}；现有表头为 {3}）"),
        Entry(english: "{}: unknown column '{}': did you mean '{}'? (known columns: {})",
              chinese: "{0}：未知列“{1}”：是否应为“{2}”？（可识别的列：{3}）"),
        Entry(english: "{}: duplicate column: '{}' appears twice (also column {})", chinese: "{0}：重复的列：“{1}”出现两次（另见第 {2} 列）"),
        Entry(english: "{}: the file has a header but no {}", chinese: "{0}：文件只有表头，没有{1}"),
        Entry(english: "{}: the unit '{}' differs from the unit '{}' in the header", chinese: "{0}：单位“{1}”与表头中的单位“{2}”不同"),
        Entry(english: "{}: no such file or folder", chinese: "{0}：文件或文件夹不存在"),
        Entry(english: "{}: cannot read the file (check that it exists and is readable)", chinese: "{0}：无法读取文件（请检查文件是否存在且可读）"),
        // Less frequent input errors, as written after their location (the location is translated on its own:
        // `chinese(_:)` splits it off); a cell's stream and column first, then what is wrong with it.
        Entry(english: "'{}' is not a number", chinese: "“{0}”不是数字"),
        Entry(english: "'{}' is not a positive number", chinese: "“{0}”不是正数"),
        Entry(english: "'{}' is not yes or no (write yes, no, true, false, 1, 0, 是 or 否)",
              chinese: "“{0}”不是“是”或“否”（请写 yes、no、true、false、1、0、是 或 否）"),
        Entry(english: "'{}' is not yes or no", chinese: "“{0}”不是“是”或“否”"),
        Entry(english: "'{}' is not a meter class (write 1, 2 or 3, or 一级表, 二级表, 三级表)",
              chinese: "“{0}”不是仪表等级（请写 1、2、3 或 一级表、二级表、三级表）"),
        Entry(english: "'{}' is not a standard-coal unit (tce, kgce, 万tce)", chinese: "“{0}”不是标准煤单位（tce、kgce、万tce）"),
        Entry(english: "the file is empty", chinese: "文件为空"),
        Entry(english: "the file is empty: expected a header row such as {}", chinese: "文件为空：应有表头行，例如 {0}"),
        Entry(english: "the stream is empty", chinese: "流股为空"),
        Entry(english: "the stream is empty (every reading names its stream)", chinese: "流股为空（每条读数都须注明流股）"),
        Entry(english: "the stream is empty (every row of meters.csv names the stream its meter reads)",
              chinese: "流股为空（meters.csv 每一行都须注明其仪表计量的流股）"),
        Entry(english: "the stream is empty (a row without a stream may only give the constant)",
              chinese: "流股为空（不注明流股的行只能给出常数）"),
        Entry(english: "the node id is empty (every row of nodes.csv needs an id)", chinese: "节点编号为空（nodes.csv 每一行都需要编号）"),
        Entry(english: "the relation name is empty (every row of relations.csv names its relation)",
              chinese: "关系式名称为空（relations.csv 每一行都须注明所属关系式）"),
        Entry(english: "the reading is empty (leave out the row of a day without a reading)",
              chinese: "读数为空（没有读数的日期请删去该行）"),
        Entry(english: "the value is empty (leave out the row of a value that is not measured)",
              chinese: "数值为空（未测量的值请删去该行）"),
        Entry(english: "the meter is empty (give the instrument's id, e.g. FT-204)", chinese: "仪表为空（请给出仪表编号，如 FT-204）"),
        Entry(english: "the stream is listed twice (also line {}): a stream is read by one meter",
              chinese: "流股重复列出（另见第 {0} 行）：一个流股只由一块仪表计量"),
        Entry(english: "the stream is not measured (no value in {}): a meter reads a measured stream",
              chinese: "该流股未测量（{0} 中没有数值）：仪表只能对应实测流股"),
        Entry(english: "the systematic part {} % is not between 0 and 100 % of the reading",
              chinese: "系统误差部分 {0} % 不在读数的 0 至 100 % 之间"),
        Entry(english: "equation '{}' is given twice (first on line {})", chinese: "方程“{0}”重复给出（首次在第 {1} 行）"),
        Entry(english: "given twice (first on line {})", chinese: "重复给出（首次在第 {0} 行）"),
        Entry(english: "stream '{}' is not in the case", chinese: "流股“{0}”不在案例中"),
        Entry(english: "need a 'stream' and a 'value' column", chinese: "需要 stream 列和 value 列"),
        Entry(english: "the equation is empty", chinese: "方程为空"),
        Entry(english: "the equation id is empty", chinese: "方程编号为空"),
        Entry(english: "the component is empty", chinese: "组分为空"),
        Entry(english: "the carrier is empty", chinese: "能源品种为空"),
        Entry(english: "the coefficient is empty", chinese: "系数为空"),
        Entry(english: "the product is empty", chinese: "产品为空"),
        Entry(english: "the product is listed twice", chinese: "产品重复列出"),
        Entry(english: "the output must be a positive number", chinese: "产量必须为正数"),
        Entry(english: "both streams of a pair must be given", chinese: "一对中的两个流股都须给出"),
        Entry(english: "give a covariance or a correlation, not both", chinese: "协方差与相关系数只能给一个，不能同时给出"),
        Entry(english: "give a covariance or a correlation", chinese: "请给出协方差或相关系数"),
        Entry(english: "the mapping file is empty", chinese: "对照文件为空"),
        // Equations (equations.csv): the parser's reasons, after `equation 'E1': ` and before where it stopped.
        Entry(english: "{} (at character {} of '{}')", chinese: "{0}（方程“{2}”的第 {1} 个字符处）"),
        Entry(english: "the equation is longer than {} characters", chinese: "方程长度超过 {0} 个字符"),
        Entry(english: "the equation nests deeper than {} levels (split it, or sum fewer terms in one equation)",
              chinese: "方程嵌套超过 {0} 层（请拆分，或在一个方程中减少求和项）"),
        Entry(english: "the equation nests deeper than {} levels", chinese: "方程嵌套超过 {0} 层"),
        Entry(english: "nothing after '='", chinese: "“=”之后没有内容"),
        Entry(english: "more than one '=': an equation has one", chinese: "出现多个“=”：一个方程只能有一个"),
        Entry(english: "an expression ends too early", chinese: "表达式提前结束"),
        Entry(english: "')' expected", chinese: "缺少“)”"),
        Entry(english: "'(' expected after {}", chinese: "{0} 之后缺少“(”"),
        Entry(english: "'[' without ']'", chinese: "“[”没有对应的“]”"),
        Entry(english: "unknown name '{}' (streams are written in brackets, [S1] or [S1:COD]; functions: exp, ln, sqrt)",
              chinese: "未知名称“{0}”（流股写在方括号中，如 [S1] 或 [S1:COD]；函数：exp、ln、sqrt）"),
        Entry(english: "'[{}]' names no stream (write [S1] or [S1:COD])", chinese: "“[{0}]”没有指明流股（请写 [S1] 或 [S1:COD]）"),
        Entry(english: "'{}' is not a number in the accepted range (0 or 1e-100 … 1e100 in magnitude)",
              chinese: "“{0}”不是可接受范围内的数（0 或绝对值 1e-100 … 1e100）"),
        Entry(english: "unexpected '{}'", chinese: "意外的“{0}”"),
        // Energy streams' kinds and nodes' stages (GB/T 3484), after `stream 'E1': ` or as a whole.
        Entry(english: "enters from outside the boundary, so its kind must be purchase (购入) or stock (库存变化), not '{}'",
              chinese: "从边界外进入，类别必须为 purchase（购入）或 stock（库存变化），而不是“{0}”"),
        Entry(english: "leaves the boundary, so give its kind: effective (有效能), loss (损失) or export (外供)",
              chinese: "流出边界，请注明类别：effective（有效能）、loss（损失）或 export（外供）"),
        Entry(english: "flows between two nodes, so its kind is empty or recovered (回收); a {} stream leaves or enters the boundary (leave 'to' or 'from' empty)",
              chinese: "在两个节点之间流动，类别应为空或 recovered（回收）；{0} 类流股应流入或流出边界（将 to 或 from 留空）"),
        Entry(english: "unknown kind '{}' (energy kinds: purchase/购入, stock/库存变化, export/外供, effective/有效能, loss/损失, recovered/回收; empty for an internal flow)",
              chinese: "未知类别“{0}”（能源类别：purchase/购入、stock/库存变化、export/外供、effective/有效能、loss/损失、recovered/回收；内部流动留空）"),
        Entry(english: "unknown stage '{}' (write purchase/购入贮存, conversion/加工转换, distribution/输送分配 or end-use/最终使用)",
              chinese: "未知环节“{0}”（请写 purchase/购入贮存、conversion/加工转换、distribution/输送分配 或 end-use/最终使用）"),
        Entry(english: "node '{}' has no stage (环节): give it one in nodes.csv — purchase/购入贮存, conversion/加工转换, distribution/输送分配 or end-use/最终使用",
              chinese: "节点“{0}”没有环节：请在 nodes.csv 中给出 —— purchase/购入贮存、conversion/加工转换、distribution/输送分配 或 end-use/最终使用"),
        // Correlated errors (covariance.csv, meters.csv) and workbooks as a whole.
        Entry(english: "covariance of stream '{}', which streams.csv does not define", chinese: "协方差涉及的流股“{0}”未在 streams.csv 中定义"),
        Entry(english: "covariance of '{}' and '{}' is not a finite number", chinese: "“{0}”与“{1}”的协方差不是有限数值"),
        Entry(english: "correlation of '{}' and '{}' is {}; it must lie in [−1, 1]", chinese: "“{0}”与“{1}”的相关系数为 {2}；它必须在 [−1, 1] 之间"),
        Entry(english: "the covariance of '{}' and '{}' is given twice with different values{}",
              chinese: "“{0}”与“{1}”的协方差给出了两次且数值不同{2}"),
        Entry(english: " (first at {})", chinese: "（首次在 {0}）"),
        Entry(english: "the measurement covariance matrix is not positive definite: the correlations involving stream '{}' and the streams before it cannot all hold at once (check covariance.csv)",
              chinese: "测量协方差矩阵不正定：涉及流股“{0}”及其之前各流股的相关系数不能同时成立（请检查 covariance.csv）"),
        Entry(english: "the workbook has no sheet 'streams' or '流股' (its sheets are {})",
              chinese: "工作簿中没有“streams”或“流股”工作表（现有工作表为 {0}）"),
        Entry(english: "a ZIP archive without {}: not an .xlsx workbook (an .xls or .ods file must be saved as .xlsx, or its sheets as CSV)",
              chinese: "ZIP 压缩包中没有 {0}：不是 .xlsx 工作簿（.xls 或 .ods 文件请另存为 .xlsx，或将各工作表另存为 CSV）"),
        // Compare.
        Entry(english: "the two cases have no stream id in common: nothing to compare stream by stream",
              chinese: "两个案例没有相同的流股编号：无法逐流股对比"),
        Entry(english: "meters.csv names meters read in both periods ({}) but the {} have no full covariance (more streams than it is computed for, or no reconciliation): their changeSigma treats the periods as independent, which overstates it where a shared meter's systematic error cancels",
              chinese: "meters.csv 列出两期共用的仪表（{0}），但{1}没有完整协方差（流股多于计算上限，或未协调）：其变化的 σ 按两期独立计算，在共用仪表系统误差相互抵消处偏大"),
        Entry(english: "meters.csv names meters read in both periods ({}) but the material figures are compared as independent periods (their component reconciliation keeps no sensitivities to the meters): their changeSigma overstates where a shared meter's systematic error cancels",
              chinese: "meters.csv 列出两期共用的仪表（{0}），但物料数值按两期独立对比（组分协调未保留对仪表的灵敏度）：在共用仪表系统误差相互抵消处变化的 σ 偏大"),
        // Last: a list ending `… or …` inside a matched sentence (the dimensions a carrier is measured in), once every
        // other entry has been tried on it.
        Entry(english: "{} or {}", chinese: "{0}或{1}", partOnly: true),
    ]

    /// The message in `language`: Chinese from the catalogue when an entry matches, else as written.
    /// - Complexity: O(entries · length of the message).
    public static func text(_ message: String, language: LabelLanguage) -> String {
        guard language.isChinese else { return message }
        return chinese(message) ?? message
    }

    /// The Chinese form of `message`, or `nil` when no entry matches.
    ///
    /// A message that no entry matches as a whole but that starts with a location (`streams.csv:3:5: …`,
    /// `streams.csv:3 (column 'sigma'): …`, `plant.xlsx: 流股!E3: …` — ``InputError`` and `ModelError` put it first)
    /// is translated as that location and the message after it, when the catalogue has that message.
    public static func chinese(_ message: String) -> String? { chinese(message, isPart: false) }

    /// ``chinese(_:)`` of a whole message, or of a part of one (`isPart`: the part-only entries are tried too).
    static func chinese(_ message: String, isPart: Bool) -> String? {
        for entry in entries where isPart || !entry.partOnly {
            guard let parts = match(message, template: entry.english) else { continue }
            let literals = entry.english.components(separatedBy: "{}")
            var out = entry.chinese
            for (k, part) in parts.enumerated() {
                // A part that is itself a catalogued message (`stream 'E07': <the conversion's warning>`) is translated
                // too; a quoted one (`'{}'`, a name or an id) never is.
                let quoted = (literals[k].hasSuffix("'") && literals[k + 1].hasPrefix("'"))
                    || (literals[k].hasSuffix("`") && literals[k + 1].hasPrefix("`"))
                out = out.replacingOccurrences(of: "{\(k)}", with: quoted ? part : chinese(part, isPart: true) ?? part)
            }
            return out
        }
        for (location, rest) in locationSplits(message) {
            if let translated = chinese(rest) { return chineseLocation(location) + "：" + translated }
        }
        return nil
    }

    /// The ways `message` splits after a location prefix, shortest prefix first (none when it does not start with
    /// one): `FILE.ext`, optionally `:line` and `:column`, optionally ` (column 'name')`; or `BOOK.xlsx: sheet`,
    /// optionally `!cell` or ` row n` (whose own `: ` makes `BOOK.xlsx` alone a candidate too).
    static func locationSplits(_ message: String) -> [(location: String, rest: String)] {
        var splits: [(location: String, rest: String)] = []
        var searchStart = message.startIndex
        while let separator = message.range(of: ": ", range: searchStart..<message.endIndex) {
            let location = String(message[..<separator.lowerBound])
            if isLocation(location) { splits.append((location, String(message[separator.upperBound...]))) }
            searchStart = separator.upperBound
        }
        return splits
    }

    static func isLocation(_ text: String) -> Bool {
        var core = Substring(text)
        if let column = core.range(of: " (column '"), core.hasSuffix("')") { core = core[..<column.lowerBound] }
        let extensions = [".csv", ".xlsx", ".txt", ".json"]
        if let book = core.range(of: ".xlsx: ") {  // a workbook's sheet, cell or row
            let sheet = core[book.upperBound...]
            return !core[..<book.lowerBound].isEmpty && !sheet.isEmpty && !sheet.contains(": ")
        }
        var file = core
        var numbers = 0
        while let colon = file.lastIndex(of: ":"), numbers < 2,
              !file[file.index(after: colon)...].isEmpty, file[file.index(after: colon)...].allSatisfy(\.isASCII),
              file[file.index(after: colon)...].allSatisfy(\.isNumber) {
            file = file[..<colon]
            numbers += 1
        }
        return !file.contains(" ") && extensions.contains { file.hasSuffix($0) && file.count > $0.count }
    }

    /// A location in Chinese: ` (column 'x')` → `（列“x”）`, ` row n` → ` 第 n 行`; file, line, column and cell as written.
    static func chineseLocation(_ location: String) -> String {
        var text = location
        if let column = text.range(of: " (column '"), text.hasSuffix("')") {
            let name = text[column.upperBound..<text.index(text.endIndex, offsetBy: -2)]
            text = String(text[..<column.lowerBound]) + "（列“\(name)”）"
        }
        if let row = text.range(of: " row ", options: .backwards),
           !text[row.upperBound...].isEmpty, text[row.upperBound...].allSatisfy(\.isNumber) {
            text = String(text[..<row.lowerBound]) + " 第 \(text[row.upperBound...]) 行"
        }
        return text
    }

    /// The parts of `message` that fill the `{}` of `template`, or `nil` when it does not match: the literal pieces
    /// must appear in order, the first at the start and the last at the end; each part is non-empty, except one that
    /// the template ends a word with (`cannot be satisfied{}:` may have no names).
    static func match(_ message: String, template: String) -> [String]? {
        let literals = template.components(separatedBy: "{}")
        guard literals.count > 1 else { return message == template ? [] : nil }
        guard message.hasPrefix(literals[0]), message.hasSuffix(literals[literals.count - 1]),
              message.count >= literals[0].count + literals[literals.count - 1].count else { return nil }
        var rest = Substring(message.dropFirst(literals[0].count).dropLast(literals[literals.count - 1].count))
        var parts: [String] = []
        for literal in literals.dropFirst().dropLast() {
            guard let range = rest.range(of: literal) else { return nil }
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
