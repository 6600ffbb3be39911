#!/usr/bin/env bash
# The bundled curriculum: lint clean and the counts the curriculum promises —
# 70+ topics, 300+ questions spread by the exam weights (no weighted domain
# under 35), 20%+ multiple-select, the product-choice flow and two more — and
# every topic and link of the seed study guide present.
set -u
bin=$(realpath "${1:-./mlcert}")
here=$(cd "$(dirname "$0")/../.." && pwd)
seed="$here/../shared/seed/gcp-ml-engineer-certification-guide.md"
"$bin" lint --json "$here/content/pmle" > /tmp/mlcert-curriculum.json; status=$?
python3 - "$status" /tmp/mlcert-curriculum.json "$here/content/pmle" "$seed" <<'PY'
import glob, json, re, sys
status, report, pack, seed = int(sys.argv[1]), json.load(open(sys.argv[2])), sys.argv[3], sys.argv[4]
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
check("300+ questions", report["questions"] >= 300, str(report["questions"]))
weights = {"low-code": 13, "collaboration": 14, "prototyping": 18, "serving": 20, "pipelines": 22, "monitoring": 13}
by = report["questions_by_domain"]
for d in weights:
    check("domain %s has 35+ questions" % d, by.get(d, 0) >= 35, str(by.get(d)))
total = sum(by[d] for d in weights)
for d, w in weights.items():
    share = 100.0 * by[d] / total
    check("domain %s near its weight (%d%%)" % (d, w), abs(share - w) <= 4, "%.1f%%" % share)
check("20%+ multiple-select", report["multiple_select"] >= 0.2 * report["questions"],
      "%d of %d" % (report["multiple_select"], report["questions"]))
check("3+ flows", report["flows"] >= 3, str(report["flows"]))
text = "\n".join(open(f).read() for f in glob.glob(pack + "/**/*.yaml", recursive=True))
check("the which-ml-product flow", "id: which-ml-product" in text)
# Every link of the seed guide, but its images, is a resource somewhere.
import os
check("the seed guide is beside the repository (../shared/seed)", os.path.exists(seed), seed)
links = re.findall(r"\((https?://[^)\s]+)\)", open(seed).read()) if os.path.exists(seed) else []
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
