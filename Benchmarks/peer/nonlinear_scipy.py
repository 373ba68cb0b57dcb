#!/usr/bin/env python3
"""The scipy peer of AuditBalance's nonlinear reconciliation (issue 11), independent of the Swift code.

Reads a case folder (streams.csv, nodes.csv, components.csv, equations.csv; UTF-8, English headers), builds the
same problem from FORMATS.md §1.6 — node balances, relations, component balances Σ F·c (+ a free generation term
for reactive nodes; none for temperature/pressure units), splitter equalities, the equations (translated to
Python: [S] → flow, [S:c] → component value, ^ → **, ln → log), lower/upper bounds and c ≥ 0 for conserved
components — and minimises Σ ((x − y)/σ)² over the measured variables with scipy's SLSQP (ftol 1e-15).

    nonlinear_scipy.py CASE [--repeat N] [--json]

prints the solution (id value), the objective and the median in-process time of N solves (default 20).
Reference values for the tests are written with --json to CASE/peer-reference.json.
"""
import csv, json, math, os, re, statistics, sys, time

import numpy as np
from scipy.optimize import minimize

PROPERTY_UNITS = {"°c", "℃", "degc", "c", "k", "°f", "pa", "kpa", "mpa", "bar"}


def rows(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [{k.strip(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(f)]


def build(case):
    streams = rows(os.path.join(case, "streams.csv"))
    nodes = {r["id"]: r for r in rows(os.path.join(case, "nodes.csv"))}
    comps = rows(os.path.join(case, "components.csv"))
    equations = rows(os.path.join(case, "equations.csv"))
    relations = rows(os.path.join(case, "relations.csv"))
    names, measured, sigma, lower, upper = [], {}, {}, {}, {}
    index = {}

    def var(name):
        if name not in index:
            index[name] = len(names)
            names.append(name)
        return index[name]

    for s in streams:
        j = var(s["id"])
        if s.get("value"):
            measured[j] = float(s["value"])
            sigma[j] = float(s.get("sigma") or 0)
        if s.get("lower"):
            lower[j] = float(s["lower"])
        if s.get("upper"):
            upper[j] = float(s["upper"])
    node_ids = []
    for s in streams:
        for end in (s.get("from"), s.get("to")):
            if end and end not in node_ids:
                node_ids.append(end)
    balanced = [n for n in node_ids if nodes.get(n, {}).get("balance", "yes").lower() not in ("no", "false", "0", "否", "n")]
    components, units = [], {}
    for c in comps:
        if c["component"] not in components:
            components.append(c["component"])
            units[c["component"]] = c.get("unit", "")
    prop = {c for c in components if units[c].lower() in PROPERTY_UNITS}
    at_node = {s["id"] for s in streams if s.get("from") in balanced or s.get("to") in balanced}
    given = {(c["stream"], c["component"]): c for c in comps}
    for c in components:
        for s in streams:
            if s["id"] in at_node or (s["id"], c) in given:
                j = var(s["id"] + ":" + c)
                if c not in prop:
                    lower[j] = 0.0
                if (s["id"], c) in given:
                    g = given[(s["id"], c)]
                    measured[j] = float(g["value"])
                    sigma[j] = float(g.get("sigma") or 0)
    cons = []  # functions of x (numpy array) returning a scalar
    for n in balanced:
        ins = [index[s["id"]] for s in streams if s.get("to") == n and s.get("from") != n]
        outs = [index[s["id"]] for s in streams if s.get("from") == n and s.get("to") != n]
        cons.append(lambda x, ins=ins, outs=outs: sum(x[i] for i in ins) - sum(x[o] for o in outs))
    by_relation = {}
    for r in relations:
        by_relation.setdefault(r["relation"], []).append(r)
    for rel, terms in by_relation.items():
        const = next((float(t["constant"]) for t in terms if t.get("constant")), 0.0)
        tt = [(index[t["stream"]], float(t["coefficient"])) for t in terms if t.get("stream")]
        cons.append(lambda x, tt=tt, const=const: sum(a * x[i] for i, a in tt) - const)
    for n in balanced:
        node = nodes.get(n, {})
        ins = [s["id"] for s in streams if s.get("to") == n and s.get("from") != n]
        outs = [s["id"] for s in streams if s.get("from") == n and s.get("to") != n]
        reactive = [t for t in re.split(r"[;,\s、；]+", node.get("reactions", "")) if t]
        for c in components:
            if node.get("type", "").lower() in ("splitter", "分流", "分流器"):
                allv = ins + outs
                first = index[allv[0] + ":" + c]
                for other in allv[1:]:
                    cons.append(lambda x, a=index[other + ":" + c], b=first: x[a] - x[b])
                continue
            if c in prop:
                continue
            terms = [(index[s], index[s + ":" + c], 1.0) for s in ins] + [(index[s], index[s + ":" + c], -1.0) for s in outs]
            g = var(n + ":" + c + ":generation") if (c in reactive or "*" in reactive) else None
            cons.append(lambda x, terms=terms, g=g: sum(sg * x[f] * x[k] for f, k, sg in terms) + (x[g] if g is not None else 0.0))
    for e in equations:
        text = e["equation"]
        def repl(m):
            inner = m.group(1).strip()
            if ":" in inner:
                s, c = [p.strip() for p in inner.split(":", 1)]
                return "x[%d]" % var(s + ":" + c)
            return "x[%d]" % index[inner]
        py = re.sub(r"\[([^\]]+)\]", repl, text).replace("^", "**").replace("−", "-").replace("×", "*")
        py = re.sub(r"\bln\(", "log(", py)
        if "=" in py:
            left, right = py.split("=", 1)
            py = "(%s) - (%s)" % (left, right)
        code = compile(py, e["id"], "eval")
        cons.append(lambda x, code=code: eval(code, {"exp": np.exp, "log": np.log, "sqrt": np.sqrt}, {"x": x}))
    return names, measured, sigma, lower, upper, cons


def start_point(names, measured):
    x0 = np.ones(len(names))
    flows = [abs(v) for j, v in measured.items() if ":" not in names[j]]
    typical = sum(flows) / len(flows) if flows else 1.0
    for j, name in enumerate(names):
        if j in measured:
            x0[j] = measured[j]
        elif ":" not in name:
            x0[j] = typical
        elif name.endswith(":generation"):
            x0[j] = 0.0
        else:
            comp = name.split(":", 1)[1]
            vals = [measured[k] for k in measured if names[k].endswith(":" + comp)]
            x0[j] = sum(vals) / len(vals) if vals else 1.0
    return x0


def solve(problem):
    names, measured, sigma, lower, upper, cons = problem
    n = len(names)
    m_idx = np.array([j for j in measured if sigma[j] > 0], dtype=int)
    y = np.array([measured[j] for j in m_idx])
    w = np.array([1.0 / sigma[j] ** 2 for j in m_idx])
    bounds = []
    for j in range(n):
        if j in measured and sigma[j] == 0:
            bounds.append((measured[j], measured[j]))
        else:
            bounds.append((lower.get(j), upper.get(j)))

    # Scaled variables z = (x − x0) / s (s = σ for measured, the start's magnitude otherwise): SLSQP stops early
    # on badly scaled problems (σ from 0.025 to 71 here).
    x0 = start_point(names, measured)
    x0 = np.array([min(max(v, lo if lo is not None else -np.inf), hi if hi is not None else np.inf) for v, (lo, hi) in zip(x0, bounds)])
    scale = np.array([sigma[j] if j in measured and sigma[j] > 0 else max(abs(x0[j]), 1.0) for j in range(n)])

    def x_of(z):
        return x0 + scale * z

    def f(z):
        d = (x_of(z)[m_idx] - y)
        return float(np.dot(w, d * d))

    def grad(z):
        g = np.zeros(n)
        g[m_idx] = 2 * w * (x_of(z)[m_idx] - y)
        return g * scale

    zb = []
    for j, (lo, hi) in enumerate(bounds):
        zb.append((None if lo is None else (lo - x0[j]) / scale[j], None if hi is None else (hi - x0[j]) / scale[j]))
    cscale = []
    for c in cons:
        cscale.append(1.0)
    result = minimize(f, np.zeros(n), jac=grad, method="SLSQP", bounds=zb,
                      constraints=[{"type": "eq", "fun": (lambda z, c=c: c(x_of(z)))} for c in cons],
                      options={"ftol": 1e-15, "maxiter": 2000})
    result.x = x_of(result.x)
    return result


def polish(problem, result, iterations=100):
    """Newton steps on the KKT conditions from the SLSQP point (SLSQP alone stops at 1e-4 … 1e-6 on these
    problems): bounds active at the SLSQP point stay fixed; constraint Jacobians by complex-step
    differentiation (exact to rounding, no subtraction); Gauss–Newton Hessian W. Returns the polished x."""
    names, measured, sigma, lower, upper, cons = problem
    n = len(names)
    x = np.array(result.x, dtype=float)
    fixed = [j for j in range(n) if (j in measured and sigma[j] == 0)
             or (j in lower and abs(x[j] - lower[j]) <= 1e-7 * max(1, abs(lower[j])))
             or (j in upper and abs(x[j] - upper[j]) <= 1e-7 * max(1, abs(upper[j])))]
    for j in fixed:
        x[j] = measured[j] if (j in measured and sigma[j] == 0) else (lower[j] if j in lower and abs(x[j] - lower[j]) <= 1e-7 * max(1, abs(lower[j])) else upper[j])
    free = [j for j in range(n) if j not in fixed]
    W = np.zeros((n, n))
    for j in measured:
        if sigma[j] > 0:
            W[j, j] = 1 / sigma[j] ** 2
    for _ in range(iterations):
        g = np.array([c(x) for c in cons], dtype=float)
        J = np.zeros((len(cons), n))
        h = 1e-30
        for j in free:
            xc = x.astype(complex)
            xc[j] += 1j * h
            J[:, j] = [np.imag(c(xc)) / h for c in cons]
        grad = np.zeros(n)
        for j in measured:
            if sigma[j] > 0:
                grad[j] = 2 * (x[j] - measured[j]) / sigma[j] ** 2
        Jf = J[:, free]
        Wf = 2 * W[np.ix_(free, free)]
        K = np.block([[Wf, Jf.T], [Jf, np.zeros((len(cons), len(cons)))]])
        rhs = -np.concatenate([grad[free], g])
        step = np.linalg.lstsq(K, rhs, rcond=None)[0]
        dx = step[:len(free)]
        # The multipliers' part of the gradient is in the step (λ new, not Δλ): Newton on x only.
        x[free] += dx
        if np.max(np.abs(dx) / np.maximum(np.abs(x[free]), 1.0)) < 1e-15:
            break
    return x


def main():
    args = sys.argv[1:]
    repeat, write = 20, False
    if "--repeat" in args:
        i = args.index("--repeat"); repeat = int(args[i + 1]); del args[i:i + 2]
    if "--json" in args:
        args.remove("--json"); write = True
    case = args[0]
    problem = build(case)
    result = solve(problem)
    result.x = polish(problem, result)
    result.fun = sum(((result.x[j] - problem[1][j]) / problem[2][j]) ** 2 for j in problem[1] if problem[2][j] > 0)
    times = []
    for _ in range(repeat):
        t = time.perf_counter(); solve(problem); times.append(time.perf_counter() - t)
    names = problem[0]
    residual = max(abs(c(result.x)) for c in problem[5]) if problem[5] else 0.0
    print("success=%s iterations=%d objective=%.12g max_residual=%.3g median_us=%.1f" % (
        result.success, result.nit, result.fun, residual, statistics.median(times) * 1e6))
    for name, v in zip(names, result.x):
        print("%s %.12g" % (name, v))
    if write:
        with open(os.path.join(case, "peer-reference.json"), "w") as out:
            json.dump({"method": "scipy.optimize.minimize SLSQP, ftol 1e-15 (Benchmarks/peer/nonlinear_scipy.py)",
                       "scipy": __import__("scipy").__version__, "success": bool(result.success),
                       "objective": result.fun, "maxConstraintResidual": residual,
                       "values": {n: float(v) for n, v in zip(names, result.x)}}, out, indent=1, sort_keys=True)
            out.write("\n")


if __name__ == "__main__":
    main()
