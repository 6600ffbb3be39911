#!/usr/bin/env bash
# The bundled curriculum: lint clean (no error, no warning: no item-writing
# cue either) and the counts the curriculum promises — 480+ questions spread
# by the June 2026 guide's weights (each domain within 3 points), 20%+
# multiple-select, the 14 objectives each with 6+ questions and a topic, the
# item-cue figures within their limits, the product-choice flow and two more —
# and every topic and link of the seed study guide present. Reads only the
# repository (the seed's links are kept in tests/data/seed-links.txt).
set -u
bin=$(realpath "${1:-./mlcert}")
here=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp); trap 'rm -f "$out"' EXIT
"$bin" lint --json "$here/content/pmle" > "$out"; status=$?
python3 - "$status" "$out" "$here/content/pmle" "$here/tests/data/seed-links.txt" <<'PY'
import glob, json, re, sys
status, report, pack, seed_links = int(sys.argv[1]), json.load(open(sys.argv[2])), sys.argv[3], sys.argv[4]
passed = failed = 0
def check(name, ok, detail=""):
    global passed, failed
    if ok: passed += 1
    else:
        failed += 1
        print("FAIL", name, detail)
check("lint exits 0", status == 0, str(status))
check("no errors or warnings", report["errors"] == 0 and report["warnings"] == 0, str(report["diagnostics"][:3]))
check("70+ topics", report["topics"] >= 70, str(report["topics"]))
check("480+ questions", report["questions"] >= 480, str(report["questions"]))
# The guide's approximate weights (13/16/21/20/18/13 add to 101; the pack takes one from section 3).
weights = {"low-code": 13, "collaboration": 16, "prototyping": 20, "serving": 20, "pipelines": 18, "monitoring": 13}
by = report["questions_by_domain"]
total = sum(by.get(d, 0) for d in weights)
for d, w in weights.items():
    share = 100.0 * by.get(d, 0) / max(1, total)
    check("domain %s within 3 points of its weight (%d%%)" % (d, w), abs(share - w) <= 3, "%.1f%%" % share)
check("20%+ multiple-select", report["multiple_select"] >= 0.2 * report["questions"],
      "%d of %d" % (report["multiple_select"], report["questions"]))
objectives = report["objectives"]
check("14 objectives", len(objectives) == 14, str(len(objectives)))
for ob in objectives:
    check("objective %s has 6+ questions" % ob["id"], ob["questions"] >= 6, str(ob["questions"]))
    check("objective %s has a topic" % ob["id"], ob["topics"] >= 1, str(ob["topics"]))
cues = report["cues"]
check("key longest in at most 30% of single-answer questions",
      cues["key_longest"] <= 0.30 * cues["single"], "%d of %d" % (cues["key_longest"], cues["single"]))
check("keys the k longest in at most 20% of multiple-select questions",
      cues["keys_longest"] <= 0.20 * cues["multiple"], "%d of %d" % (cues["keys_longest"], cues["multiple"]))
check("mean key/distractor length at most 1.15", cues["mean_ratio"] <= 1.15, str(cues["mean_ratio"]))
check("cue figures within lint's limits", cues["within_limits"] is True)
check("3+ flows", report["flows"] >= 3, str(report["flows"]))
text = "\n".join(open(f).read() for f in glob.glob(pack + "/**/*.yaml", recursive=True))
check("the which-ml-product flow", "id: which-ml-product" in text)
links = [l.strip() for l in open(seed_links) if l.strip() and not l.startswith("#")]
check("the seed's 9 links are listed", len(links) == 9, str(len(links)))
for url in links:
    check("seed link " + url, url in text)
# Every seed topic has a topic of its own.
for topic_id in ["ml-problem-framing", "clustering", "recommendation-systems", "ml-testing-debugging",
                 "ml-privacy", "classification-vs-regression", "ml-frameworks", "mon-sampled-shapley",
                 "mon-integrated-gradients", "mon-xrai", "mon-what-if-tool", "gcp-ml-product-choice",
                 "ai-platform", "continuous-training", "tfx-vs-kubeflow", "exam-format", "exam-after-passing"]:
    check("topic " + topic_id, re.search(r"id: %s\n" % re.escape(topic_id), text) is not None)
check("every topic dated", text.count("as_of:") >= report["topics"])
print("curriculum: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
