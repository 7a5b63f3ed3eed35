"""What only FundLedger can know about its deployment; the generic rules are the linters' (deploy/check.sh).

Reads the manifests as `kubectl kustomize` renders them (FUNDLEDGER_KUSTOMIZE names another renderer), the
compose file, the collector's configuration and the Dockerfile. Run: python3 -m pytest -q deploy/checks
"""
import os
import re
import shlex
import subprocess

import pytest
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
KUSTOMIZATIONS = ["deploy/kubernetes/base", "deploy/kubernetes/overlays/production"]


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def connection_fields(value):
    """An Npgsql keyword connection string as a dict of lower-case keys."""
    return {k.strip().lower(): v.strip() for k, _, v in (p.partition("=") for p in value.split(";") if "=" in p)}


def matches(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


class Rendered:
    def __init__(self, directory):
        renderer = shlex.split(os.environ.get("FUNDLEDGER_KUSTOMIZE", "kubectl kustomize"))
        out = subprocess.run(renderer + [os.path.join(ROOT, directory)], capture_output=True, text=True, check=True)
        self.objects = [o for o in yaml.safe_load_all(out.stdout) if o]

    def all(self, kind):
        return [o for o in self.objects if o["kind"] == kind]

    def one(self, kind, name=None):
        found = [o for o in self.all(kind) if name is None or o["metadata"]["name"] == name]
        assert len(found) == 1, f"expected one {kind} {name or ''}, found {len(found)}"
        return found[0]

    @property
    def api(self):
        return self.one("Deployment", "fundledger")

    @property
    def migration(self):
        jobs = [j for j in self.all("Job") if "migrate" in container(j).get("args", [])]
        assert len(jobs) == 1, "one Job runs `migrate`"
        return jobs[0]

    @property
    def cluster(self):
        return self.one("Cluster")

    def config(self):
        return {k: v for c in self.all("ConfigMap") for k, v in (c.get("data") or {}).items()}


def pod(o):
    return o["spec"]["template"]["spec"]


def container(o):
    return pod(o)["containers"][0]


def env(c):
    return {e["name"]: e for e in c.get("env", [])}


def secret_of(c, name):
    return ((env(c).get(name, {}).get("valueFrom") or {}).get("secretKeyRef") or {}).get("name")


@pytest.fixture(scope="module", params=KUSTOMIZATIONS)
def k8s(request):
    return Rendered(request.param)


# ---- Kubernetes ---------------------------------------------------------------------------------------------
def test_api_stays_available_through_rollouts_drains_and_node_loss(k8s):
    d = k8s.api
    labels = d["spec"]["template"]["metadata"]["labels"]
    assert d["spec"]["replicas"] >= 2
    assert matches(d["spec"]["selector"]["matchLabels"], labels)
    assert str(d["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"]) == "0"
    assert any(c["topologyKey"] == "kubernetes.io/hostname" and matches(c["labelSelector"]["matchLabels"], labels)
               for c in pod(d).get("topologySpreadConstraints", []))
    pdb = k8s.one("PodDisruptionBudget")
    assert matches(pdb["spec"]["selector"]["matchLabels"], labels)
    assert int(pdb["spec"].get("minAvailable", 0)) < d["spec"]["replicas"], "a drain must be possible"
    hpa = k8s.one("HorizontalPodAutoscaler")
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "fundledger"}
    assert 2 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]


def test_probes_use_the_services_health_endpoints_on_its_port(k8s):
    c = container(k8s.api)
    ports = {p["name"]: p["containerPort"] for p in c["ports"]}
    assert ports == {"http": 8080}
    assert c["readinessProbe"]["httpGet"] == {"path": "/health/ready", "port": "http"}
    assert c["livenessProbe"]["httpGet"] == {"path": "/health/live", "port": "http"}
    assert c["startupProbe"]["httpGet"]["path"] == "/health/live"
    service = k8s.one("Service", "fundledger")
    assert matches(service["spec"]["selector"], k8s.api["spec"]["template"]["metadata"]["labels"])
    assert {p["targetPort"] for p in service["spec"]["ports"]} <= set(ports) | set(ports.values())


def test_the_api_connects_as_the_managed_app_role_and_never_changes_the_schema(k8s):
    cluster, c = k8s.cluster, container(k8s.api)
    role = cluster["spec"]["managed"]["roles"][0]
    fields = connection_fields(env(c)["ConnectionStrings__FundLedger"]["value"])
    assert fields["host"] == f"{cluster['metadata']['name']}-rw"
    assert fields["database"] == cluster["spec"]["bootstrap"]["initdb"]["database"]
    assert fields["ssl mode"] == "VerifyFull"
    assert secret_of(c, "DB_USER") == secret_of(c, "DB_PASSWORD") == role["passwordSecret"]["name"]
    assert role["login"] is True
    config = k8s.config()
    assert config["FundLedger__ApplySchemaOnStartup"] == "false"
    assert config["Auth__Authority"].startswith("https://")
    assert "Auth__SigningKey" not in config and "Auth__SigningKey" not in env(c), "production verifies OIDC tokens"


def test_the_migration_runs_as_the_owner_and_grants_to_the_app_role(k8s):
    cluster, job = k8s.cluster, k8s.migration
    c, owner_secret = container(job), f"{k8s.cluster['metadata']['name']}-app"  # CloudNativePG's owner Secret
    args = c["args"]
    assert args[args.index("--grant-to") + 1] == cluster["spec"]["managed"]["roles"][0]["name"]
    assert secret_of(c, "DB_USER") == secret_of(c, "DB_PASSWORD") == owner_secret
    assert connection_fields(env(c)["ConnectionStrings__FundLedger"]["value"])["host"] == f"{cluster['metadata']['name']}-rw"
    assert c["image"] == container(k8s.api)["image"], "the schema comes from the same build as the service"


def test_every_reference_resolves(k8s):
    configmaps = {o["metadata"]["name"]: o.get("data") or {} for o in k8s.all("ConfigMap")}
    cluster = k8s.cluster["metadata"]["name"]
    secrets = ({o["metadata"]["name"] for o in k8s.all("Secret")}
               | {f"{cluster}-{s}" for s in ("app", "ca", "superuser", "replication", "server")}  # CloudNativePG's
               | {r["passwordSecret"]["name"] for r in k8s.cluster["spec"]["managed"]["roles"]}
               | {f"{b['metadata']['name']}-default-user" for b in k8s.all("RabbitmqCluster")})  # the RabbitMQ operator's
    accounts = {o["metadata"]["name"] for o in k8s.all("ServiceAccount")}
    for w in k8s.all("Deployment") + k8s.all("Job"):
        p = pod(w)
        assert p["serviceAccountName"] in accounts
        volumes = {v["name"]: v for v in p.get("volumes", [])}
        for v in volumes.values():
            assert "secret" not in v or v["secret"]["secretName"] in secrets, v
        for c in p["containers"]:
            defined = set()
            for ref in c.get("envFrom", []):
                assert ref["configMapRef"]["name"] in configmaps
                defined |= set(configmaps[ref["configMapRef"]["name"]])
            for e in c.get("env", []):
                assert secret_of(c, e["name"]) in (None, *secrets), e
                for var in re.findall(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", e.get("value", "")):
                    assert var in defined, f"{e['name']} uses $({var}) before it is defined"
                defined.add(e["name"])
            mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
            assert set(mounts.values()) <= set(volumes)
            assert "emptyDir" in volumes[mounts["/tmp"]], "a read-only root needs a writable /tmp"


def test_the_network_policy_lets_the_api_reach_only_what_it_needs(k8s):
    labels = k8s.api["spec"]["template"]["metadata"]["labels"]
    policy = k8s.one("NetworkPolicy")
    assert matches(policy["spec"]["podSelector"]["matchLabels"], labels)
    assert {p["port"] for r in policy["spec"]["ingress"] for p in r["ports"]} == {8080}

    def egress_to(port):
        return [t for r in policy["spec"]["egress"] if port in {p["port"] for p in r["ports"]} for t in r.get("to", [])]

    cluster = k8s.cluster["metadata"]["name"]
    assert any((t.get("podSelector") or {}).get("matchLabels") == {"cnpg.io/cluster": cluster} for t in egress_to(5432))
    assert egress_to(53), "DNS"
    otlp = re.match(r"https?://([^:/]+):(\d+)$", k8s.config()["OTEL_EXPORTER_OTLP_ENDPOINT"])
    host, port = otlp.group(1).split("."), int(otlp.group(2))
    assert any(((t.get("namespaceSelector") or {}).get("matchLabels") or {}).get("kubernetes.io/metadata.name") == host[1]
               for t in egress_to(port)), f"OTLP to namespace {host[1]} port {port}"
    assert k8s.config().get("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc") != "grpc" or port == 4317


# ---- docker-compose.yml and the collector -------------------------------------------------------------------
@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(read("docker-compose.yml"))["services"]


def test_compose_starts_postgres_then_migrate_then_the_service_then_demo_data(compose):
    assert compose["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert compose["fundledger"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert compose["demo-data"]["depends_on"]["fundledger"]["condition"] == "service_healthy"


def test_compose_runs_the_service_as_the_role_migrate_grants_to(compose):
    app = connection_fields(compose["fundledger"]["environment"]["ConnectionStrings__FundLedger"])
    owner = connection_fields(compose["migrate"]["environment"]["ConnectionStrings__FundLedger"])
    command = compose["migrate"]["command"]
    assert command[command.index("--grant-to") + 1] == app["username"] != owner["username"]
    assert app["host"] == owner["host"] == "postgres"
    assert compose["fundledger"]["environment"]["FundLedger__ApplySchemaOnStartup"] == "false"


def test_compose_exports_telemetry_through_the_collector(compose):
    app = compose["fundledger"]["environment"]
    assert app["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://otel-collector:4317"
    assert app["OTEL_EXPORTER_OTLP_PROTOCOL"] == "grpc"
    collector = yaml.safe_load(read("deploy/otel/collector.yaml"))
    assert collector["receivers"]["otlp"]["protocols"]["grpc"]["endpoint"].endswith(":4317")
    for signal in ("traces", "metrics", "logs"):
        pipeline = collector["service"]["pipelines"][signal]
        for kind in ("receivers", "processors", "exporters"):
            assert set(pipeline[kind]) <= set(collector[kind]), f"{signal} uses an undefined {kind[:-1]}"
        assert pipeline["processors"][0] == "memory_limiter" and "batch" in pipeline["processors"]
    exporter_host = collector["exporters"]["otlp"]["endpoint"].split("://")[-1].split(":")[0]
    assert exporter_host in compose


# ---- the Dockerfile -----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def dockerfile():
    """(INSTRUCTION, arguments) pairs: continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n(\s*#.*\n)*", " ", re.sub(r"(?m)^\s*#.*\n", "", read("deploy/container/Dockerfile")))
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in text.splitlines() if line.strip()]


def test_the_image_runs_as_the_non_root_app_user_with_generated_code_compiled_in(dockerfile):
    assert [a for k, a in dockerfile if k == "USER"][-1] == "$APP_UID"
    runs = [a for k, a in dockerfile if k == "RUN"]
    codegen = next(i for i, a in enumerate(runs) if "codegen write" in a)
    assert codegen < next(i for i, a in enumerate(runs) if "dotnet publish" in a)
    assert any(k == "ENV" and "FundLedger__CodeGeneration=Static" in a for k, a in dockerfile)
    assert any(k == "HEALTHCHECK" and "/health/live" in a for k, a in dockerfile)


def test_every_project_the_api_needs_is_copied_before_restore(dockerfile):
    def closure(csproj, seen):
        if csproj not in seen:
            seen.add(csproj)
            for ref in re.findall(r'<ProjectReference\s+Include="([^"]+)"', read(csproj)):
                closure(os.path.normpath(os.path.join(os.path.dirname(csproj), ref.replace("\\", "/"))), seen)
        return seen

    restore = next(i for i, (k, a) in enumerate(dockerfile) if k == "RUN" and "dotnet restore" in a)
    copied = {os.path.normpath(w) for k, a in dockerfile[:restore] if k == "COPY" for w in a.split()[:-1]}
    assert closure("services/FundLedger.Api/FundLedger.Api.csproj", set()) <= copied
    for k, a in dockerfile:
        if k == "COPY" and "--from=" not in a:
            assert all(os.path.exists(os.path.join(ROOT, w)) for w in a.split()[:-1]), a
