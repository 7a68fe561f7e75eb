#!/usr/bin/env python3
"""Turns bench/run's raw data (target/bench-out) into Markdown: one file per section under
bench/results/, plus a JSON of the figures the issue-6 targets are judged on; `assemble` joins
them into bench/RESULTS.md. Standard library only."""
import glob
import json
import os
import re
import statistics
import sys


def pct(values, q):
    """The q-quantile (0..1) by linear interpolation, as numpy's default."""
    v = sorted(values)
    if not v:
        return float("nan")
    k = (len(v) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def ms(x):
    return "–" if x is None or x != x else (f"{x:.0f}" if x >= 100 else f"{x:.1f}" if x >= 10 else f"{x:.2f}")


def ratio(a, b):
    return "–" if not a or not b else f"{a / b:.2f}×"


def write(path, text, targets=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text.rstrip() + "\n")
    if targets is not None:
        with open(path[:-3] + ".targets.json", "w") as f:
            json.dump(targets, f, indent=1)


def machine_line(meta):
    m = meta.get("machine")
    if not m:
        return ""
    return (f"\nMachine: {m['date']}, {m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB, load average "
            f"{m['load']:.1f} at the start; {m['jdk17']}; JDK 25: {m['jdk25']}; {m['openssl']}; "
            f"cfssl {(m['cfssl'] or '').replace('Version: ', '')}; mkcert {m['mkcert']}; {m['hyperfine']}; "
            f"{(m['wrk'] or '').split(' [')[0]}.\n")


def quick_note(meta):
    return machine_line(meta) + ("\n> **Quick mode** (`bench/run --quick`): few runs, short durations — a smoke test of the harness, "
            "not figures to quote.\n" if meta.get("quick") else "")


# ---------------------------------------------------------------- one-shot
ONESHOT_TITLES = {
    "rsa-fresh": "RSA 2048, fresh CA (CA key + server key generated)",
    "rsa-existing": "RSA 2048, existing CA (server key generated)",
    "ecdsa-fresh": "ECDSA P-256, fresh CA (with -ecdsa, mkcert makes a P-256 CA too)",
    "ecdsa-existing": "ECDSA P-256, existing CA",
    "startup-aids": "JVM start-up aids (ECDSA P-256, existing CA)",
}
VARIANT_NOTES = {
    "j17-jar": "JDK 17, `java -jar inkan.jar` (Spring Boot fat jar, default CDS of the JDK)",
    "j17-jar-C1": "JDK 17 fat jar, `-XX:TieredStopAtLevel=1`",
    "j17-jar-noCDS": "JDK 17 fat jar, `-Xshare:off` (no class data sharing at all)",
    "j17-appcds": "JDK 17, extracted jar + AppCDS (`-XX:ArchiveClassesAtExit` once, then `-XX:SharedArchiveFile`)",
    "j17-appcds-C1": "JDK 17 AppCDS + `-XX:TieredStopAtLevel=1`",
    "j25-jar": "JDK 25, `java -jar inkan.jar`",
    "j25-extracted": "JDK 25, extracted jar (`-Djarmode=tools extract`), no cache",
    "j25-aot": "JDK 25, extracted jar + AOT cache (JEP 483/514: `-XX:AOTCacheOutput` once, then `-XX:AOTCache`)",
    "j25-aot-C1": "JDK 25 AOT cache + `-XX:TieredStopAtLevel=1`",
    "j25-aot-C1-serial": "JDK 25 AOT cache + `-XX:TieredStopAtLevel=1 -XX:+UseSerialGC`",
    "readme": "README's command, `./inkan oneshot` (the launcher: newest JDK, extracted jar, class archive trained once per build, serial GC)",
    "cand-j17-jar": "candidate build (`BENCH_CANDIDATE_JAR`, see the note below), JDK 17 fat jar",
    "cand-j25-aot": "candidate build, JDK 25 extracted jar + its own AOT cache",
}


def oneshot(raw, out):
    meta = json.load(open(os.path.join(raw, "meta.json")))
    lines = ["## One-shot: whole process, wall time (hyperfine)", quick_note(meta),
             "Each scenario's commands ran in one hyperfine per round, rounds interleaved "
             f"({meta['rounds']} round(s)); every run starts from an emptied output directory (`--prepare`), with the "
             "tool's own CA copied in for the existing-CA cases. Times in ms; the ratio is Inkan's median over the "
             "peer's (below 1 = Inkan faster). RSA key generation takes a random time: look at the spread. CPU is hyperfine's "
             "mean user+system time of the process tree: on a machine shared with other work it is the steadier measure, "
             "because a multi-threaded JVM start-up loses more wall time to contention than a single-threaded openssl.", ""]
    targets = {}
    for scen, title in ONESHOT_TITLES.items():
        files = sorted(glob.glob(os.path.join(raw, f"{scen}-r*.json")))
        if not files:
            continue
        times, order, cpu = {}, [], {}
        for f in files:
            for r in json.load(open(f))["results"]:
                if r["command"] not in times:
                    order.append(r["command"])
                times.setdefault(r["command"], []).extend(t * 1000 for t in r["times"])
                cpu.setdefault(r["command"], []).append((r["user"] + r["system"]) * 1000)
        peer = order[0]
        peer_med = statistics.median(times[peer])
        lines += [f"### {title}", "", "| command | median | p25–p75 | min–max | runs | Inkan/peer | CPU user+sys (mean) | CPU Inkan/peer |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|"]
        peer_cpu = statistics.mean(cpu[peer])
        for c in order:
            t = times[c]
            med = statistics.median(t)
            lines.append(f"| {c} | {ms(med)} | {ms(pct(t, .25))}–{ms(pct(t, .75))} | {ms(min(t))}–{ms(max(t))} | "
                         f"{len(t)} | {'(peer)' if c == peer else ratio(med, peer_med)} | {ms(statistics.mean(cpu[c]))} | "
                         f"{'(peer)' if c == peer else ratio(statistics.mean(cpu[c]), peer_cpu)} |")
            if c != peer:
                targets.setdefault(scen, {})[c] = {"median_ms": med, "peer": peer, "peer_median_ms": peer_med,
                                                   "ratio": med / peer_med, "cpu_ms": statistics.mean(cpu[c]),
                                                   "peer_cpu_ms": peer_cpu}
        lines.append("")
    lines += ["Variants:", ""] + [f"- `{k}`: {v}" for k, v in VARIANT_NOTES.items()]
    if meta.get("candidate"):
        lines += ["", f"Candidate: {meta['candidate']}"]
    lines += ["", f"AOT cache and AppCDS archive trained on one fresh-CA run with KEY_TYPE={meta.get('train_key_type')} "
              f"(AOT cache {meta.get('aot_bytes', 0) / 1e6:.1f} MB, AppCDS archive {meta.get('jsa_bytes', 0) / 1e6:.1f} MB)."]
    classes = os.path.join(raw, "classes.txt")
    if os.path.exists(classes):
        groups = {}
        for line in open(classes):
            m = re.search(r"\] ([\w.$]+) source:", line)
            if not m:
                continue
            name = m.group(1)
            key = next((p for p in ("dev.inkan", "org.bouncycastle", "org.springframework", "com.google", "picocli",
                                    "java.", "javax.", "jdk.", "sun.", "com.sun") if name.startswith(p)), "other")
            groups[key] = groups.get(key, 0) + 1
        total = sum(groups.values())
        lines += ["", f"Classes loaded by one ECDSA existing-CA run (JDK 17 fat jar): **{total}** — "
                  + ", ".join(f"{k} {v}" for k, v in sorted(groups.items(), key=lambda kv: -kv[1])) + "."]
    write(out, "\n".join(lines), targets)


# ---------------------------------------------------------------- REST
REST_TITLES = {
    "newcert-ecdsa": "ECDSA P-256 issuance with a server-side key (cfssl `newcert` vs Inkan `POST /api/v1/certificates`)",
    "sign-csr": "CSR signing, ECDSA P-256 CSR (cfssl `sign` vs Inkan `POST /api/v1/certificates/csr`)",
    "newcert-rsa": "RSA 2048 issuance with a server-side key (key generation dominates; Inkan starts each run with its key pool as idle time left it)",
    "newcert-rsa-drained": "RSA 2048 issuance right after a run that emptied Inkan's key pool (what it sustains beyond the pool; cfssl: its 16-connection runs above)",
    "newcert-ecdsa-certdb": "ECDSA P-256 issuance, cfssl recording each certificate in its certificate database (`-db-config`, SQLite) as Inkan does in its ledger",
    "sign-csr-certdb": "CSR signing, cfssl recording each certificate in its certificate database (`-db-config`, SQLite) as Inkan does in its ledger",
}


def load_wrk(path):
    for line in open(path):
        if line.startswith("BENCHJSON "):
            return json.loads(line[len("BENCHJSON "):])
    return None


def cpu_cell(d):
    return "–" if not d or "cpu_us" not in d else f"{d['cpu_us']:.0f}"


def io_cell(d):
    return "–" if not d or "io_kb" not in d else f"{d['io_kb']:.1f}"


def rest(raw, out):
    meta = json.load(open(os.path.join(raw, "meta.json")))
    runs = {}
    for f in glob.glob(os.path.join(raw, "*__*__c*__r*.txt")):
        scen, server, conns, rnd = os.path.basename(f)[:-4].split("__")
        r = load_wrk(f)
        if r:
            r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
            cpu_file = f[:-4] + ".cpu"
            if os.path.exists(cpu_file) and r["requests"]:
                r["cpu_us"] = int(open(cpu_file).read().strip() or 0) * 1000 / r["requests"]
            io_file = f[:-4] + ".io"
            if os.path.exists(io_file) and r["requests"]:
                r["io_kb"] = int(open(io_file).read().strip() or 0) / 1000 / r["requests"]
            runs.setdefault((scen, server, int(conns[1:])), []).append(r)
    lines = ["## REST issuance: throughput and latency (wrk)", quick_note(meta),
             f"wrk with a Lua POST body, {meta['duration']} per run after a warm-up, {meta['rounds']} round(s) alternating "
             "cfssl and Inkan at each connection count; both servers up for the whole section, the load generator "
             "sharing the cores with them. cfssl: `cfssl serve` with an ECDSA P-256 CA from `cfssl gencert -initca`, "
             "profile `server` (server auth), log level warning, no certificate database (except in the two sections marked "
             "as recording: there a second `cfssl serve` with `-db-config`, SQLite, keeps every certificate it signs). Inkan: "
             f"`{meta.get('inkan_cmd', '')}`, H2 file database, Bearer token. Same CN and SANs "
             "(bench.local, www.bench.local, 127.0.0.1). Throughput is the median over rounds (min–max); latencies "
             "in ms are the medians over rounds of each run's p50/p99. Server CPU per request is the server process's "
             "user+system time during the run (/proc, all threads) over the requests it answered: the measure that "
             "other work on the machine disturbs least. Disk writes per request are the bytes the server process caused to "
             "be written to storage during the run (/proc/PID/io write_bytes) over the requests it answered: Inkan's H2 "
             "commits (a chunk of copy-on-write B-tree pages per group of commits, bench/results/findings.md), cfssl writes none "
             "without its database; "
             "unlike time, this figure does not depend on what else runs on the machine. Non-2xx responses and socket errors are "
             "counted; a run with errors is not a valid figure.", ""]
    targets = {}
    for scen, title in REST_TITLES.items():
        conns = sorted({c for (s, _, c) in runs if s == scen})
        if not conns:
            continue
        lines += [f"### {title}", "",
                  "| conns | cfssl req/s | Inkan req/s | Inkan/cfssl | cfssl p50 / p99 | Inkan p50 / p99 | server CPU µs/request cfssl / Inkan | disk writes KB/request cfssl / Inkan | errors cfssl / Inkan |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for c in conns:
            row = {}
            for server in ("cfssl", "inkan"):
                rs = runs.get((scen, server, c), [])
                if rs:
                    rps = [r["rps"] for r in rs]
                    row[server] = {"rps": statistics.median(rps), "min": min(rps), "max": max(rps),
                                   "p50": statistics.median(r["p50_us"] for r in rs) / 1000,
                                   "p99": statistics.median(r["p99_us"] for r in rs) / 1000,
                                   "errors": sum(r["non2xx"] + r["errors"] for r in rs)}
                    cpus = [r["cpu_us"] for r in rs if "cpu_us" in r]
                    if cpus:
                        row[server]["cpu_us"] = statistics.median(cpus)
                    ios = [r["io_kb"] for r in rs if "io_kb" in r]
                    if ios:
                        row[server]["io_kb"] = statistics.median(ios)

            def cell(s, k):
                d = row.get(s)
                return "–" if not d else (f"{d['rps']:.0f} ({d['min']:.0f}–{d['max']:.0f})" if k == "rps"
                                          else f"{ms(d['p50'])} / {ms(d['p99'])}" if k == "lat" else str(d["errors"]))
            cf, ik = row.get("cfssl"), row.get("inkan")
            lines.append(f"| {c} | {cell('cfssl', 'rps')} | {cell('inkan', 'rps')} | "
                         f"{ratio(ik and ik['rps'], cf and cf['rps'])} | {cell('cfssl', 'lat')} | {cell('inkan', 'lat')} | "
                         f"{cpu_cell(cf)} / {cpu_cell(ik)} | {io_cell(cf)} / {io_cell(ik)} |"
                         f" {cell('cfssl', 'err')} / {cell('inkan', 'err')} |")
            targets.setdefault(scen, {})[str(c)] = row
        lines.append("")
    rows_file = os.path.join(raw, "certdb-rows.txt")
    if os.path.exists(rows_file):
        # every certificate the certdb peer answered (its check request, warm-ups and runs) must be a row of its database
        answered = 1 + sum(r["requests"] - r["non2xx"]
                           for r in map(load_wrk, glob.glob(os.path.join(raw, "*certdb*cfssl*.txt"))) if r)
        recorded = int(open(rows_file).read().strip() or 0)
        lines += [f"cfssl with `-db-config` answered {answered} issuances and its database holds {recorded} certificates"
                  + ("." if recorded >= answered else ": **fewer than it answered, so its rows above are not a durable peer's.**"), ""]
        targets["certdb-recorded"] = recorded >= answered
    cf16 = ((targets.get("newcert-rsa") or {}).get("16") or {}).get("cfssl")
    if cf16 and "16" in (targets.get("newcert-rsa-drained") or {}):
        targets["newcert-rsa-drained"]["16"]["cfssl"] = cf16
    write(out, "\n".join(lines), targets)
    if os.environ.get("TARGETS"):
        with open(os.environ["TARGETS"], "a") as f:
            for row in rest_target_rows(targets):
                f.write("\t".join(row) + "\n")


# Issue 12's REST rows: (measure, inkan, peer, ratio, target, met?), all from this run's 16-connection figures.
REST_TARGETS = (
    ("newcert-ecdsa", "REST ECDSA P-256 issuance, server-side key, 16 conns (vs cfssl serve newcert)", 1.0, "≥ 1.0× (stretch 2×)"),
    ("sign-csr", "REST CSR signing, 16 conns (vs cfssl sign)", 1.0, "≥ 1.0×"),
    ("newcert-rsa", "REST RSA-2048 issuance, server-side key, 16 conns (vs cfssl serve newcert)", 3.0, "≥ 3.0×"),
)


def rest_target_rows(targets):
    rows = []
    for scen, label, goal, target in REST_TARGETS:
        row = (targets.get(scen) or {}).get("16") or {}
        ik, cf = row.get("inkan"), row.get("cfssl")
        if ik and cf:
            q = ik["rps"] / cf["rps"]
            valid = ik["errors"] == 0 and cf["errors"] == 0
            rows.append((label, f"{ik['rps']:.0f} req/s", f"{cf['rps']:.0f} req/s", f"{q:.2f}×", target,
                         ("yes" if q >= goal else "no") if valid else "no (errors)"))
        if scen == "newcert-ecdsa" and ik:
            rows.append(("REST ECDSA P-256 issuance p99 latency, 16 conns", f"{ms(ik['p99'])} ms",
                         f"{ms(cf['p99'])} ms" if cf else "–", "–", "≤ 20 ms", "yes" if ik["p99"] <= 20 else "no"))
    drained = ((targets.get("newcert-rsa-drained") or {}).get("16") or {})
    if drained.get("inkan") and drained.get("cfssl"):
        q = drained["inkan"]["rps"] / drained["cfssl"]["rps"]
        rows.append(("REST RSA-2048, 16 conns, key pool emptied (sustained beyond the pool; information)",
                     f"{drained['inkan']['rps']:.0f} req/s", f"{drained['cfssl']['rps']:.0f} req/s", f"{q:.2f}×", "–", "–"))
    for scen, label in (("newcert-ecdsa-certdb", "REST ECDSA P-256 issuance, 16 conns, vs cfssl with its certificate database (SQLite; both persist; context)"),
                        ("sign-csr-certdb", "REST CSR signing, 16 conns, vs cfssl sign with its certificate database (SQLite; both persist; context)")):
        row = (targets.get(scen) or {}).get("16") or {}
        ik, cf = row.get("inkan"), row.get("cfssl")
        if ik and cf:
            durable = targets.get("certdb-recorded", False)
            rows.append((label, f"{ik['rps']:.0f} req/s", f"{cf['rps']:.0f} req/s",
                         f"{ik['rps'] / cf['rps']:.2f}×" if durable else "– (cfssl lost rows)", "–", "–"))
    return rows


def merge_targets(new, kept):
    """Rows of this run (new) replace the rows of the same measure in kept; kept's other rows stay, in order."""
    def read(path):
        if not os.path.exists(path):
            return []
        return [l.rstrip("\n").split("\t") for l in open(path) if l.strip()]
    fresh = read(new)
    names = {r[0] for r in fresh}
    rows = [r for r in read(kept) if r[0] not in names] + fresh
    os.makedirs(os.path.dirname(kept), exist_ok=True)
    with open(kept, "w") as f:
        for r in rows:
            f.write("\t".join(r) + "\n")


def issue12_table(results):
    path = os.path.join(results, "targets.tsv")
    rows = [l.rstrip("\n").split("\t") for l in open(path) if l.strip()] if os.path.exists(path) else []
    if not rows:
        return ["## Issue 12 targets", "", "No rows yet: `bench/run rest` (and the oneshot and scale sections) append them to "
                "`target/bench-out/targets.tsv`, kept in `bench/results/targets.tsv`.", ""]
    out = ["## Issue 12 targets", "",
           "Each row from the latest `bench/run` of its section (`bench/results/targets.tsv`); Inkan and its peer ran "
           "side by side in that run, so the ratio is the figure to judge.", "",
           "| measure | Inkan | peer | ratio | target | met? |", "|---|---:|---:|---:|---|---|"]
    for r in rows:
        r = (r + ["–"] * 6)[:6]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
    return out + [""]


# ---------------------------------------------------------------- scale
def scale(raw, out):
    data = json.load(open(os.path.join(raw, "scale.json")))
    meta = data["meta"]
    lines = ["## Scale: database size, start-up and memory", quick_note(meta),
             f"One Inkan service with `{meta['jvm']}`, restarted at each size (start-up = process start until "
             "`/actuator/health` answers UP, polled every 10 ms). Certificates seeded "
             f"{meta['seeding']}. Latencies from wrk ({meta['duration']} per measurement): ms, p50 / p99. "
             "RSS from /proc (VmRSS; peak = VmHWM).", "",
             "| certificates | start-up | RSS idle | RSS peak under load | list p50 / p99 (1 conn) | list p99 (4 conns) "
             "| search p50 / p99 (1 conn) | search p99 (4 conns) | issuance req/s (16 conns) | errors |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in data["sizes"]:
        def lat(k):
            r = row.get(k)
            return "–" if not r else f"{ms(r['p50_us'] / 1000)} / {ms(r['p99_us'] / 1000)}"

        def p99(k):
            r = row.get(k)
            return "–" if not r else ms(r["p99_us"] / 1000)
        issue = row.get("issue")
        errs = sum((row.get(k) or {}).get("non2xx", 0) + (row.get(k) or {}).get("errors", 0)
                   for k in ("list1", "list4", "search1", "search4", "issue"))
        lines.append(f"| {row['count']:,} | {row['startup_ms']:.0f} ms | {row['rss_idle_kib'] / 1024:.0f} MiB | "
                     f"{row['rss_peak_kib'] / 1024:.0f} MiB | {lat('list1')} | {p99('list4')} | {lat('search1')} | "
                     f"{p99('search4')} | {issue['requests'] / (issue['duration_us'] / 1e6):.0f} | {errs} |"
                     if issue else f"| {row['count']:,} | … |")
    lines += ["", f"List = `GET {meta['list_path']}`; search = `GET {meta['search_path']}` (a name that matches "
              "one certificate among all). Seeding took: " + ", ".join(f"{s['count']:,} in {s['seconds']:.0f} s "
                                                                        f"({s['count'] / max(s['seconds'], 1e-9):.0f}/s)"
                                                                        for s in data.get("seeds", []))
              + "."]
    if data.get("startups"):
        by = {}
        for st in data["startups"]:
            d = by.setdefault(st["variant"], {"opts": st["opts"], "t": [], "rss": []})
            d["t"].append(st["startup_ms"])
            d["rss"].append(st["rss_kib"] / 1024)
        lines += ["", "### Service start-up with JVM start-up aids (largest database, same heap limit)", "",
                  "| variant | JVM options | start-up median (min–max) | RSS idle, median |", "|---|---|---:|---:|"]
        for v, d in by.items():
            opts = re.sub(r"/tmp/[^ ]*/", "", d["opts"]).strip()
            lines.append(f"| {v} | `{opts}` | {statistics.median(d['t']):.0f} ms ({min(d['t'])}–{max(d['t'])}) | "
                         f"{statistics.median(d['rss']):.0f} MiB |")
        lines += ["", "AppCDS archive / AOT cache trained by one start of the extracted jar with "
                  "`-Dspring.context.exit=onRefresh` (`-XX:ArchiveClassesAtExit` on JDK 17, `-XX:AOTCacheOutput` on JDK 25)."]
    write(out, "\n".join(lines), data)


# ---------------------------------------------------------------- JMH
def jmh(raw, out):
    meta = json.load(open(os.path.join(raw, "meta.json")))
    results = json.load(open(os.path.join(raw, "jmh.json")))
    lines = ["## Engine microbenchmarks (JMH)", quick_note(meta),
             f"`{meta['command']}` on {meta['jvm']}. Average time per operation in µs (lower is better), "
             "with the 99.9% error JMH reports when there are enough iterations, and the same as operations "
             "per second on one core.", "",
             "| benchmark | params | µs/op | ± | ops/s |", "|---|---|---:|---:|---:|"]
    by = {}
    for r in results:
        name = r["benchmark"].rsplit(".", 2)
        short = ".".join(name[-2:])
        params = ", ".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
        m = r["primaryMetric"]
        score, err = m["score"], m.get("scoreError")
        by[(short, params)] = score
        try:
            err = float(err)
        except (TypeError, ValueError):
            err = None
        err_s = "–" if err is None or err != err else f"{err:.1f}"
        lines.append(f"| {short} | {params} | {score:.1f} | {err_s} | {1e6 / score:,.0f} |")
    beyond = []
    for (short, params), score in by.items():
        if short == "IssuanceBenchmarks.leaf" and ("IssuanceBenchmarks.rawSignature", params) in by:
            raw_sig = by[("IssuanceBenchmarks.rawSignature", params)]
            beyond.append(f"- {params}: leaf {score:.0f} µs = raw signature {raw_sig:.0f} µs + "
                          f"**{score - raw_sig:.0f} µs** of building, encoding and converting "
                          f"({(score - raw_sig) / score:.0%} of the leaf)")
    if beyond:
        lines += ["", "Cost beyond the raw signature:", ""] + beyond
    write(out, "\n".join(lines), {"by": {f"{k[0]}[{k[1]}]": v for k, v in by.items()}})


# ---------------------------------------------------------------- README's start command (issue 12)
def readme_startup(path, out):
    d = json.load(open(path))
    lines = ["## Start-up and memory: README's start command", "",
             "`./inkan` (README's start command: the launcher, its class archive already trained by an earlier run of the "
             "same build) against `java -jar target/inkan.jar` on JDK 17 (the command before it) and `cfssl serve`, "
             "interleaved run by run. Ready = `/actuator/health` answers 200 on the plain HTTP port, HTTPS on as by "
             "default; *new* = empty data directory (CA, master key and HTTPS certificate made), *existing* = a restart.", "",
             "| command | data directory | ready, median | min–max | runs |", "|---|---|---:|---:|---:|"]
    names = {"readme": "`./inkan`", "java-jar": "`java -jar target/inkan.jar` (JDK 17)", "cfssl": "`cfssl serve`"}
    for name in ("readme", "java-jar", "cfssl"):
        for kind, label in (("fresh", "new"), ("restart", "existing")):
            t = d["ready_ms"].get(f"{name}-{kind}")
            if t:
                lines.append(f"| {names[name]} | {label} | {statistics.median(t) / 1000:.2f} s | "
                             f"{min(t) / 1000:.2f}–{max(t) / 1000:.2f} s | {len(t)} |")
    load = next((r.get("load") for r in d["rss"].values() if r.get("load")), "5s")
    lines += ["", f"Peak RSS (VmHWM) under the 16-connection ECDSA issuance load (wrk, plain HTTP, {load} from a fresh start), "
              "default settings of each command (no -Xmx given):", "", "| command | peak RSS | issued/s | p99 |", "|---|---:|---:|---:|"]
    for name in ("readme", "java-jar"):
        r = d["rss"].get(name)
        if r:
            lines.append(f"| {names[name]} | {r['rss_peak_kib'] / 1024:.0f} MiB | {r['issue']['requests'] * 1e6 / r['issue']['duration_us']:.0f} | "
                         f"{r['issue'].get('p99_us', 0) / 1000:.1f} ms |")
    write(out, "\n".join(lines))


# ---------------------------------------------------------------- targets of issue 6
def load_targets(results, name):
    p = os.path.join(results, name + ".targets.json")
    return json.load(open(p)) if os.path.exists(p) else None


def verdict(ok):
    return "met" if ok else "**missed**"


def targets_table(results):
    rows = []
    o = load_targets(results, "oneshot")
    if o:
        for scen, goal, label in (("rsa-fresh", 1.0, "One-shot RSA, fresh CA: Inkan ≤ openssl sequence"),
                                  ("rsa-existing", 1.0, "One-shot RSA, existing CA: Inkan ≤ openssl sequence"),
                                  ("ecdsa-fresh", 3.0, "One-shot ECDSA, fresh CA: within 3× of mkcert"),
                                  ("ecdsa-existing", 3.0, "One-shot ECDSA, existing CA: within 3× of mkcert")):
            for cmd, t in (o.get(scen) or {}).items():
                cpu = (f"; CPU {ms(t['cpu_ms'])} vs {ms(t['peer_cpu_ms'])} ms = {t['cpu_ms'] / t['peer_cpu_ms']:.2f}×"
                       if t.get("cpu_ms") else "")
                rows.append(f"| {label} | {cmd}: wall {ms(t['median_ms'])} ms vs {ms(t['peer_median_ms'])} ms = "
                            f"{t['ratio']:.2f}×{cpu} | {verdict(t['ratio'] <= goal)} |")
    r = load_targets(results, "rest")
    if r:
        for scen, label in (("newcert-ecdsa", "REST ECDSA issuance: ≥ 2× cfssl newcert"),
                            ("sign-csr", "REST CSR signing: ≥ 2× cfssl sign (same goal applied)")):
            for c, row in sorted((r.get(scen) or {}).items(), key=lambda kv: int(kv[0])):
                if "inkan" in row and "cfssl" in row:
                    q = row["inkan"]["rps"] / row["cfssl"]["rps"]
                    rows.append(f"| {label}, {c} conn(s) | {row['inkan']['rps']:.0f} vs {row['cfssl']['rps']:.0f} req/s = "
                                f"{q:.2f}× | {verdict(q >= 2)} |")
        ik = ((r.get("newcert-ecdsa") or {}).get("16") or {}).get("inkan")
        if ik:
            rows.append(f"| REST ECDSA issuance p99 at 16 connections ≤ 20 ms | {ms(ik['p99'])} ms | {verdict(ik['p99'] <= 20)} |")
    sc = load_targets(results, "scale")
    if sc and sc.get("sizes"):
        first, last = sc["sizes"][0], sc["sizes"][-1]
        for k, label in (("search1", "search"), ("list1", "list")):
            if first.get(k) and last.get(k):
                q = last[k]["p99_us"] / max(first[k]["p99_us"], 1)
                rows.append(f"| Flat with size: {label} p99 at {last['count']:,} within 2× of {first['count']:,} | "
                            f"{ms(last[k]['p99_us'] / 1000)} vs {ms(first[k]['p99_us'] / 1000)} ms = {q:.2f}× | {verdict(q <= 2)} |")
        worst = max(s["startup_ms"] for s in sc["sizes"])
        rows.append(f"| Service ready ≤ 2 s ({sc['meta']['jvm']}) | "
                    + ", ".join(f"{s['startup_ms'] / 1000:.2f} s at {s['count']:,}" for s in sc["sizes"])
                    + f" | {verdict(worst <= 2000)} |")
        if sc.get("startups"):
            by = {}
            for st in sc["startups"]:
                by.setdefault(st["variant"], []).append(st["startup_ms"])
            best = min(by, key=lambda v: statistics.median(by[v]))
            rows.append(f"| Service ready ≤ 2 s, best start-up aid | {best}: {statistics.median(by[best]) / 1000:.2f} s "
                        f"(plain j17-jar in the same runs: {statistics.median(by.get('j17-jar', [0])) / 1000:.2f} s) | "
                        f"{verdict(statistics.median(by[best]) <= 2000)} |")
        errs = sum((s.get(k) or {}).get("non2xx", 0) + (s.get(k) or {}).get("errors", 0) + s.get("oom", 0)
                   for s in sc["sizes"] for k in ("list1", "list4", "search1", "search4", "issue"))
        peak = max(s["rss_peak_kib"] for s in sc["sizes"]) / 1024
        rows.append(f"| Stable under load with a 128 MB heap | {errs} failed requests / OutOfMemoryErrors; peak RSS "
                    f"{peak:.0f} MiB | {verdict(errs == 0)} |")
    if not rows:
        return []
    return ["## Where Inkan stands against the targets of issue 6", "", "| target | measured | verdict |",
            "|---|---|---|"] + rows + [""]


# ---------------------------------------------------------------- RESULTS.md
def assemble(bench, results=None, out=None):
    results = results or os.path.join(bench, "results")
    out = out or os.path.join(bench, "RESULTS.md")
    parts = ["# Inkan benchmarks", "",
             "Generated by `bench/run` (see its header for sections and `--quick`); every comparison ran side by "
             "side with its peer in the same run, so ratios matter more than absolute times on this shared machine.",
             ""]
    parts += issue12_table(results)
    where = os.path.join(results, "where-the-time-went.md")
    if os.path.exists(where):
        parts += [open(where).read(), ""]
    parts += targets_table(results)
    findings = os.path.join(results, "findings.md")
    if os.path.exists(findings):
        parts += [open(findings).read(), ""]
    # *-notes.md: hand-written findings beside a generated section, kept when the section is regenerated
    for name in ("oneshot", "startup", "rest", "scale", "jmh", "profile", "revocation", "durability", "cluster", "cluster-notes", "notes"):
        p = os.path.join(results, name + ".md")
        if os.path.exists(p):
            parts += ["", open(p).read()]
    write(out, "\n".join(parts))


if __name__ == "__main__":
    cmd = sys.argv[1]
    {"oneshot": lambda: oneshot(sys.argv[2], sys.argv[3]), "rest": lambda: rest(sys.argv[2], sys.argv[3]),
     "scale": lambda: scale(sys.argv[2], sys.argv[3]), "readme-startup": lambda: readme_startup(sys.argv[2], sys.argv[3]),
     "jmh": lambda: jmh(sys.argv[2], sys.argv[3]),
     "targets": lambda: merge_targets(sys.argv[2], sys.argv[3]),
     "assemble": lambda: assemble(*sys.argv[2:5])}[cmd]()
