#!/usr/bin/env python3
"""Write a synthetic mlcert pack, about 30 times the bundled one, for `make bench`.

    tests/bench/gen_pack.py OUTDIR [--topics 2000] [--questions 10000] [--flows 180] [--seed 1]

The pack follows mlcert-content(5) and `mlcert lint OUTDIR` reports no errors:
seven domains (weights as in content/pmle), a domain -> area -> topic tree,
topics with every man-page section, resources, see_also and some statuses,
questions with 2-8 choices of which 20% are multiple-select, and decision
flows. Text lengths follow the bundled pack (measured on content/pmle, 161
topics and 293 questions; see BUNDLED below), with the same spread, so
wrapping, paging and search do realistic work.

Only the standard library is used, and the output is the same for the same
seed. Besides the YAML the generator writes OUTDIR/bench.json (ignored by the
loader, which reads only .yaml files): counts and the tree position of the
longest topic, which the harness opens for the reader benchmarks.
"""
import argparse
import json
import os
import random
import shutil
import sys

# Averages and spread measured on content/pmle (characters unless noted).
BUNDLED = {
    "topics": 161, "questions": 293, "flows": 6, "bytes": 974_234,
    "title": 35, "name": 99, "synopsis": 201, "when_to_use": 278,
    # description lengths of the bundled topics at every 10th rank: sampled
    # from (with interpolation) so the generated pack has the same spread
    "description_quantiles": [570, 753, 891, 974, 1043, 1119, 1179, 1250, 1337, 1414,
                              1489, 1525, 1611, 1745, 1953, 2204, 3052],
    "description_paragraphs": 3.5, "description_bullets": 4.3,
    "exam_tips": 3.1, "exam_tip": 103, "see_also": 3.6,
    "resources": 2.55, "resource_title": 41, "resource_url": 71, "status_share": 21 / 161,
    "stem": 250, "explanation": 242, "choices": 4.2, "choice_text": 69, "choice_why": 68,
    "multiple_select_share": 0.20, "question_topics": 1.4, "flow_nodes": 20,
}

DOMAINS = [
    ("low-code", "Architecting low-code AI solutions", 13),
    ("collaboration", "Collaborating within and across teams to manage data and models", 14),
    ("prototyping", "Scaling prototypes into ML models", 18),
    ("serving", "Serving and scaling models", 20),
    ("pipelines", "Automating and orchestrating ML pipelines", 22),
    ("monitoring", "Monitoring AI solutions", 13),
    ("exam", "About the exam", 0),
]

PRODUCTS = """BigQuery ML|Vertex AI|Vertex AI Pipelines|Dataflow|Dataproc|Pub/Sub|Cloud Storage|
Bigtable|Feature Store|Model Registry|Cloud Build|Cloud Composer|Kubeflow|TFX|AutoML|Gemini|
Model Garden|Cloud Run|GKE|TPU|Workbench|Vertex AI Search|Document AI|Looker|Dataplex|
Cloud Monitoring|Explainable AI|Vizier|TensorBoard|Artifact Registry""".replace("\n", "").split("|")

# Plain words only: no ': ', no leading YAML indicators, and never "choose" or
# "select", which the linter reads as a multiple-select instruction.
NOUNS = """model pipeline dataset feature endpoint prediction training job table label metric
drift skew latency throughput cluster accelerator batch stream schema artifact experiment
notebook container image component trigger schedule budget quota region project bucket
embedding index query prompt response token baseline threshold alert dashboard version
checkpoint gradient optimizer learning rate loss function validation split holdout sample
record column partition shard replica node worker team analyst engineer scientist auditor
customer transaction forecast recommendation classifier regressor tree ensemble network
layer encoder decoder vocabulary tokenizer cache lineage metadata registry rollout traffic
canary explanation attribution fairness bias privacy policy permission service account key
cost requirement constraint workload deployment upgrade migration evaluation test""".split()
VERBS = """trains serves scales monitors deploys exports imports transforms validates splits
labels tunes compresses shards caches logs alerts retrains compares reduces increases
stores streams batches registers versions explains audits encrypts schedules triggers
evaluates promotes rolls back partitions joins aggregates filters samples""".split()
ADJECTIVES = """managed custom distributed online offline incremental regional global private
public stale fresh large small sparse dense imbalanced labelled unlabelled noisy cheap
expensive fast slow reliable reproducible serverless tabular structured unstructured
streaming historical hourly daily weekly low-latency high-throughput""".split()
GLUE = """the a the the each every one its their this that""".split()
PREPS = """in on for with without from into across behind before after during""".split()
KINDS = ["doc", "guide", "tutorial", "video", "course", "exam", "blog", "paper", "tool", "reference"]
NUMBER_WORDS = {2: "two", 3: "three", 4: "four"}


class Text:
    """Pseudo-English of a requested length, deterministic for a seed."""

    def __init__(self, rng):
        self.rng = rng

    def word(self):
        r = self.rng.random()
        if r < 0.08:
            return self.rng.choice(PRODUCTS)
        if r < 0.45:
            return self.rng.choice(NOUNS)
        if r < 0.62:
            return self.rng.choice(VERBS)
        if r < 0.77:
            return self.rng.choice(ADJECTIVES)
        if r < 0.90:
            return self.rng.choice(GLUE)
        return self.rng.choice(PREPS)

    def sentence(self, low=8, high=20):
        words = [self.word() for _ in range(self.rng.randint(low, high))]
        if len(words) > 8 and self.rng.random() < 0.3:
            words[len(words) // 2] += ","
        s = " ".join(words)
        return s[0].upper() + s[1:] + "."

    def chars(self, n, low=8, high=20):
        """Sentences until about n characters (never empty)."""
        out = []
        size = 0
        while size < n or not out:
            s = self.sentence(low, high)
            out.append(s)
            size += len(s) + 1
        text = " ".join(out)
        if len(text) > n * 1.15 and len(out) > 1:
            text = " ".join(out[:-1])
        return text

    def phrase(self, n):
        """A title-like phrase of about n characters, no final full stop."""
        words = []
        while len(" ".join(words)) < n:
            words.append(self.word())
        s = " ".join(words).replace(",", "")
        return s[0].upper() + s[1:]


def wrap(text, width, indent):
    """Hard-wrap text for a YAML block scalar (the loader rejoins lines)."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "\n".join(indent + l.replace("\u00a0", " ") for l in lines)


def block(key, text, indent):
    """key: | followed by text (which may hold several paragraphs)."""
    pad = " " * (indent + 2)
    parts = []
    for para in text.split("\n\n"):
        if para.startswith("- "):
            # bullets stay one per line, as the bundled pack writes them
            parts.append("\n".join(pad + b for b in para.split("\n")))
        else:
            parts.append(wrap(para, 72, pad))
    return f"{' ' * indent}{key}: |\n" + "\n\n".join(parts) + "\n"


def around(rng, mean, spread=0.35):
    """A positive whole number near mean."""
    return max(1, int(round(rng.gauss(mean, mean * spread))))


def count_near(rng, mean):
    """A whole number whose average over many draws is mean."""
    base = int(mean)
    return base + (1 if rng.random() < mean - base else 0)


def quantile_sample(rng, quantiles):
    pos = rng.random() * (len(quantiles) - 1)
    i = int(pos)
    if i >= len(quantiles) - 1:
        return quantiles[-1]
    return int(quantiles[i] + (quantiles[i + 1] - quantiles[i]) * (pos - i))


def plan_tree(n_topics):
    """Areas per domain and topics per area for about n_topics topics."""
    n_domains = len(DOMAINS)
    per_area = 24
    n_areas = max(n_domains, round(n_topics / (per_area + 1)))
    leaves = n_topics - n_areas
    areas = []  # (domain index, number of leaves)
    for a in range(n_areas):
        d = a % n_domains
        k = leaves // n_areas + (1 if a < leaves % n_areas else 0)
        areas.append((d, k))
    areas.sort(key=lambda x: x[0])
    return areas


def gen_topic(tx, rng, tid, title, where, all_ids, long=False):
    b = BUNDLED
    desc_len = 3052 if long else quantile_sample(rng, b["description_quantiles"])
    paras = max(1, count_near(rng, b["description_paragraphs"]) - 1)
    bullets = count_near(rng, b["description_bullets"])
    if long:
        paras, bullets = 5, 9
    bullet_len = 110
    para_len = max(120, (desc_len - bullets * bullet_len) // paras)
    chunks = [tx.chars(around(rng, para_len, 0.25)) for _ in range(paras)]
    if bullets:
        blist = "\n".join(f"- {tx.chars(around(rng, bullet_len - 2, 0.3), 6, 14)}" for _ in range(bullets))
        chunks.insert(1 if len(chunks) > 1 else len(chunks), blist)
    description = "\n\n".join(chunks)

    out = [f"  - id: {tid}\n", f"    title: {title}\n", where]
    out.append(f"    name: {tid} - {tx.phrase(around(rng, b['name'] - len(tid) - 3, 0.2)).lower()}\n")
    syn_lines = rng.randint(1, 3)
    syn = "\n".join(f"      {tx.phrase(around(rng, b['synopsis'] / syn_lines, 0.3))} -> {rng.choice(PRODUCTS)}"
                    for _ in range(syn_lines))
    out.append("    synopsis: |\n" + syn + "\n")
    out.append(block("description", description, 4))
    out.append(block("when_to_use", tx.chars(around(rng, b["when_to_use"] * (2 if long else 1))), 4))
    tips = 8 if long else count_near(rng, b["exam_tips"])
    if tips:
        out.append("    exam_tips:\n")
        for _ in range(tips):
            out.append(f"      - {tx.chars(around(rng, b['exam_tip'], 0.3))}\n")
    see = 6 if long else count_near(rng, b["see_also"])
    others = [x for x in rng.sample(all_ids, min(len(all_ids), see + 1)) if x != tid][:see]
    if others:
        out.append(f"    see_also: [{', '.join(others)}]\n")
    res = 5 if long else count_near(rng, b["resources"])
    if res:
        out.append("    resources:\n")
        for r in range(res):
            slug = "-".join(tx.phrase(30).lower().replace("/", " ").split()[:4])
            url = f"https://cloud.google.com/docs/{tid}/{slug}-{r}"
            out.append(f"      - title: {tx.phrase(around(rng, b['resource_title'], 0.3))}\n")
            out.append(f"        url: {url}\n")
            out.append(f"        kind: {rng.choice(KINDS)}\n")
    if not long and rng.random() < b["status_share"]:
        state = rng.choice(["deprecated", "preview", "renamed", "retired"])
        out.append(f"    status:\n      state: {state}\n      since: 2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n")
        out.append(f"      note: {tx.phrase(40)}\n")
    out.append("    as_of: 2026-11-29\n\n")
    return "".join(out)


def gen_question(tx, rng, qid, domain, topic_ids):
    b = BUNDLED
    n = count_near(rng, b["choices"])
    n = min(8, max(2, n))
    multi = rng.random() < b["multiple_select_share"]
    if multi:
        n = max(n, 4)
        k = 3 if n >= 5 and rng.random() < 0.25 else 2
    else:
        k = 1
    correct = set(rng.sample(range(n), k))
    stem = tx.chars(around(rng, b["stem"] - (16 if multi else 0), 0.3))
    stem += f" Which {'actions' if multi else 'action'} should you take?"
    if multi:
        # a no-break marker keeps "(Choose two.)" on one line when wrapped
        stem += f" (Choose\u00a0{NUMBER_WORDS[k]}.)"
    out = [f"  - id: {qid}\n", f"    domain: {domain}\n", f"    topics: [{', '.join(topic_ids)}]\n"]
    out.append(block("stem", stem, 4))
    out.append("    choices:\n")
    seen = set()
    for i in range(n):
        text = tx.chars(around(rng, b["choice_text"], 0.3), 6, 14)
        while text in seen:
            text = tx.chars(around(rng, b["choice_text"], 0.3), 6, 14)
        seen.add(text)
        out.append(f"      - text: {text}\n")
        if i in correct:
            out.append("        correct: true\n")
        out.append(f"        why: {tx.chars(around(rng, b['choice_why'], 0.3), 6, 14)}\n")
    out.append(block("explanation", tx.chars(around(rng, b["explanation"], 0.3)), 4))
    out.append("\n")
    return "".join(out)


def gen_flow(tx, rng, fid, leaf_ids):
    """A binary decision tree of about 20 nodes: every node reachable, no loops."""
    asks = BUNDLED["flow_nodes"] // 2
    out = [f"  - id: {fid}\n", f"    title: {tx.phrase(30)}?\n", f"    summary: {tx.chars(80)}\n",
           "    start: n0\n", "    nodes:\n"]
    # node i asks when i < asks; its options lead to 2i+1 and 2i+2 (heap order)
    total = 2 * asks + 1
    for i in range(total):
        if i < asks:
            out.append(f"      - id: n{i}\n        ask: {tx.phrase(60)}?\n        options:\n")
            for c in (2 * i + 1, 2 * i + 2):
                out.append(f"          - label: {tx.phrase(45)}\n            next: n{c}\n")
        else:
            out.append(f"      - id: n{i}\n        result: {tx.chars(100)}\n"
                       f"        topic: {rng.choice(leaf_ids)}\n")
            if rng.random() < 0.5:
                out.append(f"        note: {tx.chars(90)}\n")
    out.append("\n")
    return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--topics", type=int, default=2000)
    ap.add_argument("--questions", type=int, default=10000)
    ap.add_argument("--flows", type=int, default=BUNDLED["flows"] * 30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--force", action="store_true", help="replace OUTDIR if it exists")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    tx = Text(rng)
    out = args.outdir
    if os.path.exists(out):
        if not args.force and os.listdir(out):
            sys.exit(f"{out} exists and is not empty (use --force)")
        shutil.rmtree(out)
    for sub in ("topics", "questions", "flows"):
        os.makedirs(os.path.join(out, sub))

    with open(os.path.join(out, "pack.yaml"), "w") as f:
        f.write("# Synthetic benchmark pack written by tests/bench/gen_pack.py; do not edit.\n")
        f.write("id: bench\ntitle: Synthetic benchmark pack (30x the bundled one)\n")
        f.write('guide_version: "3"\nas_of: 2026-11-29\n')
        f.write("description: |\n  Generated text with the bundled pack's lengths, for make bench.\n")
        f.write("exam:\n  questions: 60\n  minutes: 120\n  format: generated\n  passing: not published\n")
        f.write("domains:\n")
        for did, title, weight in DOMAINS:
            f.write(f"  - id: {did}\n    title: {title}\n    weight: {weight}\n"
                    f"    summary: {tx.chars(90)}\n")

    areas = plan_tree(args.topics)
    # ids first, so see_also can point anywhere in the pack
    tree = []  # (domain index, area id, [leaf ids])
    leaf_domain = {}
    for a, (d, k) in enumerate(areas):
        aid = f"{DOMAINS[d][0]}-area-{a:03d}"
        leaves = [f"{DOMAINS[d][0]}-t{a:03d}-{i:02d}" for i in range(k)]
        tree.append((d, aid, leaves))
        for leaf in leaves:
            leaf_domain[leaf] = d
    all_ids = [x for _, aid, leaves in tree for x in [aid] + leaves]
    leaf_ids = [x for _, _, leaves in tree for x in leaves]

    for a, (d, aid, leaves) in enumerate(tree):
        parts = ["topics:\n"]
        parts.append(gen_topic(tx, rng, aid, tx.phrase(around(rng, BUNDLED["title"], 0.3)),
                               f"    domain: {DOMAINS[d][0]}\n", all_ids))
        for i, leaf in enumerate(leaves):
            # the first leaf of the first area is as long as the bundled pack's
            # longest topic, so the reader can scroll even at 200x50 full width
            parts.append(gen_topic(tx, rng, leaf, tx.phrase(around(rng, BUNDLED["title"], 0.3)),
                                   f"    parent: {aid}\n", all_ids, long=(a == 0 and i == 0)))
        with open(os.path.join(out, "topics", f"{a:03d}-{aid}.yaml"), "w") as f:
            f.write("".join(parts))

    per_file = 250
    multi = 0
    for start in range(0, args.questions, per_file):
        parts = ["questions:\n"]
        for q in range(start, min(args.questions, start + per_file)):
            first = leaf_ids[q % len(leaf_ids)]
            topics = [first]
            if rng.random() < BUNDLED["question_topics"] - 1:
                other = rng.choice(leaf_ids)
                if other != first:
                    topics.append(other)
            text = gen_question(tx, rng, f"q{q:05d}", DOMAINS[leaf_domain[first]][0], topics)
            multi += "(Choose " in text
            parts.append(text)
        with open(os.path.join(out, "questions", f"q{start // per_file:03d}.yaml"), "w") as f:
            f.write("".join(parts))

    per_file = 15
    for start in range(0, args.flows, per_file):
        parts = ["flows:\n"]
        for i in range(start, min(args.flows, start + per_file)):
            parts.append(gen_flow(tx, rng, f"flow-{i:03d}", leaf_ids))
        with open(os.path.join(out, "flows", f"f{start // per_file:03d}.yaml"), "w") as f:
            f.write("".join(parts))

    size = sum(os.path.getsize(os.path.join(dp, fn)) for dp, _, fns in os.walk(out) for fn in fns)
    info = {
        "topics": len(all_ids), "areas": len(tree), "questions": args.questions,
        "multiple_select": multi, "flows": args.flows, "bytes": size,
        "times_bundled_bytes": round(size / BUNDLED["bytes"], 1),
        # where the long topic sits in the collapsed tree: Enter on domain 0,
        # j to its first area, Enter, j to its first leaf
        "long_topic": tree[0][2][0],
    }
    with open(os.path.join(out, "bench.json"), "w") as f:
        json.dump(info, f, indent=1)
    print(f"{out}: {info['topics']} topics ({info['areas']} areas), {args.questions} questions "
          f"({multi} multiple-select), {args.flows} flows, {size / 1e6:.1f} MB "
          f"({info['times_bundled_bytes']}x the bundled pack's bytes)")


if __name__ == "__main__":
    main()
