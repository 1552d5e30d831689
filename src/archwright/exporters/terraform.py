"""Terraform for AWS, laid out as a team would start it.

`modules/network` (VPC, public/private subnets across AZs, NAT, flow logs) and
`modules/ecs-service` (one Fargate service) are fixed code shipped with the package; the
root module is generated from the model: security groups whose rules are exactly the
model's connections, the load balancer and CloudFront at the edge, one managed resource
per datastore or broker (from the role table in `data/infra_mapping.yaml`), secrets in
Secrets Manager, least-privilege task-role policies, variables and outputs.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from archwright.cost.zones import network_zones
from archwright.exporters._data import data_yaml
from archwright.exporters._fidelity import catalog_name, cloud_losses, foreign
from archwright.exporters._hcl import Block, Comment, Expr, check_ident, render_hcl
from archwright.exporters._losses import Fact, Loss, component_loss, designed_as, readme
from archwright.exporters._names import dns_label, env_name
from archwright.exporters._terraform_data import (
    BUILDERS,
    KMS,
    Built,
    Reach,
    Target,
    written_replicas,
)
from archwright.exporters._topology import (
    SERVICE_PORT,
    Role,
    Topology,
    front_load_balancer,
    front_routes,
    health_path,
    load_mapping,
    sharing_topology,
)
from archwright.exporters._topology import topology as build_topology
from archwright.exporters.exporter import Exporter, Files
from archwright.model import Architecture, Component, Kind
from archwright.package_data import folder

EXPORTER = Exporter(
    name="terraform",
    summary="Terraform (AWS): VPC, ALB, ECS Fargate, RDS/Aurora, ElastiCache, MSK/SQS/SNS, "
    "Kinesis, DynamoDB, S3 + CloudFront, OpenSearch, Cognito, Secrets Manager",
    category="infrastructure",
    validator="checkov, python-hcl2",
    clouds=("aws",),
)

_TEMPLATES = "templates/terraform/modules"
_AWS_TEXT = re.compile(r"[^a-zA-Z0-9. _:/()#,@\[\]+=&;{}!$*-]+")


def aws_text(text: str) -> str:
    """Text for AWS description fields, which accept only a small ASCII set."""
    return " ".join(_AWS_TEXT.sub(" ", text).split())[:200] or "archwright"


def _skips() -> dict[str, dict[str, str]]:
    """Checkov checks skipped per resource type, with reasons (data, not code)."""
    raw: dict[str, dict[str, str]] = data_yaml("terraform_skips.yaml")
    return raw


# A skipped check the block meets when it holds this nested block: no skip then.
_MET_BY = {"CKV_AWS_310": "origin_group"}


@cache
def _skip_notes() -> dict[str, tuple[tuple[str, Comment], ...]]:
    """Each resource type's skip comments in code order, made once: a type's comments
    are the same in each of its blocks (5,000 blocks carry some at 10k components)."""
    return {
        kind: tuple(
            (code, Comment(f"checkov:skip={code}: {why}")) for code, why in sorted(codes.items())
        )
        for kind, codes in _skips().items()
    }


def _with_skips(items: list[Block | Comment]) -> list[Block | Comment]:
    """Prefix each resource block with checkov's inline skip comments for its type."""
    table = _skip_notes()
    for item in items:
        if isinstance(item, Block) and item.type == "resource" and item.labels[0] in table:
            notes = table[item.labels[0]]
            met = any(code in _MET_BY for code, _ in notes)
            nested = {b.type for b in item.body if isinstance(b, Block)} if met else set()
            item.body[:0] = [note for code, note in notes if _MET_BY.get(code) not in nested]
    return items


def _static_modules() -> Files:
    files: Files = {}
    root = folder("archwright.exporters").joinpath(_TEMPLATES)
    for module in sorted(root.iterdir(), key=lambda p: p.name):
        for entry in sorted(module.iterdir(), key=lambda p: p.name):
            if entry.name.endswith(".tf"):
                text = entry.read_text(encoding="utf-8")
                files[f"terraform/modules/{module.name}/{entry.name}"] = text
    return files


def _sg_rule(kind: str, name: str, sg: str, other: Expr | str, port: int, text: str) -> Block:
    """One security-group rule on `sg` for one TCP port, to or from another group (an
    `Expr` reference) or a CIDR block. `text` is the description as AWS takes it
    (`aws_text`), made once by the caller: a flow's two rules share theirs."""
    block = Block("resource", (f"aws_vpc_security_group_{kind}_rule", name))
    block.set("security_group_id", _group_id(sg))
    if isinstance(other, Expr):
        block.set("referenced_security_group_id", other)
    else:
        block.set("cidr_ipv4", other)
    block.set("ip_protocol", "tcp").set("from_port", port).set("to_port", port)
    return block.set("description", text)


@lru_cache(maxsize=200_000)
def _group_id(ident: str) -> Expr:
    """A security group's id, made once per group: a flow's two rules name both its
    ends, and a component's group recurs in every rule of each flow it takes part in."""
    return Expr(f"aws_security_group.{ident}.id")


# How a service reaches a target with no written resource: nothing to read (never changed).
_UNREACHED = Reach()


class _Root:
    def __init__(self, arch: Architecture) -> None:
        self.arch = arch
        self.topo: Topology = build_topology(arch)
        self.routes = front_routes(self.topo)  # entry services behind the ALB
        self.routed = frozenset(self.routes)
        self.project = (dns_label(arch.name, 20) or "app").strip("-")
        self.built: dict[str, Built] = {}
        self.data_blocks: list[Block | Comment] = []
        self.sg_ids: list[str] = []  # components with a security group

    def ident(self, cid: str) -> str:
        return check_ident(self.topo.ident(cid))

    # -- data tier ----------------------------------------------------------------
    def build_stores(self) -> None:
        sqs_idents = {c.id: self.ident(c.id) for c, r in self.topo.stores if r.aws == "sqs"}
        for comp, role in self.topo.stores:
            builder = BUILDERS.get(role.aws)
            if builder is None:  # reported by losses()
                continue
            target = Target(
                self.arch,
                comp,
                role,
                self.ident(comp.id),
                self.topo.dns(comp.id),
                sqs_idents.get(comp.dead_letter or "", ""),
                role.front and self.fronts_alb(comp.id),
                self.deliveries(comp.id, role),
            )
            built = builder(target)
            self.built[comp.id] = built
            self.data_blocks.append(Comment(f"{comp.label} ({comp.kind.value}) -> {role.aws}"))
            self.data_blocks.extend(built.blocks)
            if built.reach.in_vpc:
                self.sg_ids.append(comp.id)

    def deliveries(self, cid: str, role: Role) -> tuple[tuple[str, str], ...]:
        """(AWS role, identifier) of each written resource `cid` delivers into."""
        if not role.delivers:
            return ()
        out = []
        for dst in self.topo.connection_targets(cid):  # indexed: a scan per store was n²
            target = self.topo.roles.get(dst)
            if target is not None and target.aws in role.delivers:
                out.append((target.aws, self.ident(dst)))
        return tuple(sorted(out))

    # -- network rules --------------------------------------------------------------
    def security_groups(self) -> list[Block | Comment]:
        """A security group per component that sends or receives a flow, and the rules
        that open only the designed flows, HTTPS out and the load balancer's routes."""
        out: list[Block | Comment] = []
        ids = sorted(set(self.sg_ids) | self.topo.service_ids)
        for cid in ids:
            out.append(
                Block("resource", ("aws_security_group", self.ident(cid)))
                .set("name_prefix", Expr(f'"${{var.project}}-{self.topo.dns(cid)}-"'))
                .set("description", aws_text(f"{self.topo.component(cid).label} (archwright)"))
                .set("vpc_id", Expr("module.network.vpc_id"))
                .set("tags", {"Component": cid})
            )
        out.extend(self._flow_rules(frozenset(ids)))
        out.extend(self._https_egress())
        if self.routes:
            out.extend(self._alb_rules())
        return out

    def _flow_rules(self, with_group: frozenset[str]) -> list[Block | Comment]:
        """An egress rule on the caller and an ingress rule on the callee for each flow
        between components with a group, on the callee's port."""
        out: list[Block | Comment] = []
        # with_group is a set: a list made this loop quadratic (issue 16)
        for src, dst in self.topo.flows:
            if src not in with_group or dst not in with_group:
                continue
            s, d, port = self.ident(src), self.ident(dst), self.topo.aws_port(dst)
            why = aws_text(f"{self.topo.component(src).label} to {self.topo.component(dst).label}")
            out.append(_sg_rule("egress", f"{s}_to_{d}", s, _group_id(d), port, why))
            out.append(_sg_rule("ingress", f"{d}_from_{s}", d, _group_id(s), port, why))
        return out

    def _https_egress(self) -> list[Block | Comment]:
        """HTTPS out for every service: AWS APIs and third parties are not in the model's
        flows but every task reaches them."""
        out: list[Block | Comment] = []
        why = aws_text("HTTPS to AWS APIs (ECR, logs, Secrets Manager) and third parties")
        for cid in sorted(self.topo.service_ids):
            s = self.ident(cid)
            out.append(_sg_rule("egress", f"{s}_https", s, "0.0.0.0/0", 443, why))
        return out

    def _alb_rules(self) -> list[Block | Comment]:
        """The public load balancer's group: HTTPS in from the internet and a rule pair to
        each service it routes to, on the service port."""
        out: list[Block | Comment] = [
            Block("resource", ("aws_security_group", "alb"))
            .set("name_prefix", Expr('"${var.project}-alb-"'))
            .set("description", "Public load balancer (archwright)")
            .set("vpc_id", Expr("module.network.vpc_id"))
        ]
        out.append(
            _sg_rule(
                "ingress", "alb_https", "alb", "0.0.0.0/0", 443, aws_text("HTTPS from the internet")
            )
        )
        from_alb = aws_text("from the load balancer")
        for cid in self.routes:
            s = self.ident(cid)
            out.append(
                _sg_rule(
                    "egress",
                    f"alb_to_{s}",
                    "alb",
                    _group_id(s),
                    SERVICE_PORT,
                    aws_text(f"load balancer to {self.topo.component(cid).label}"),
                )
            )
            out.append(
                _sg_rule(
                    "ingress",
                    f"{s}_from_alb",
                    s,
                    Expr("aws_security_group.alb.id"),
                    SERVICE_PORT,
                    from_alb,
                )
            )
        return out

    # -- edge -------------------------------------------------------------------------
    def edge(self) -> list[Block | Comment]:
        out: list[Block | Comment] = []
        if self.routes:
            out.append(
                Block("resource", ("aws_lb", "main"))
                .set("name_prefix", "app-")
                .set("load_balancer_type", "application")
                .set("internal", False)
                .set("security_groups", [Expr("aws_security_group.alb.id")])
                .set("subnets", Expr("module.network.public_subnet_ids"))
                .set("drop_invalid_header_fields", True)
                .set("enable_deletion_protection", True)
                .set("tags", {"Component": self.front_lb_id() or "aws_lb.main"})
            )
            listener = Block("resource", ("aws_lb_listener", "https"))
            listener.set("load_balancer_arn", Expr("aws_lb.main.arn")).set("port", 443)
            listener.set("protocol", "HTTPS")
            listener.set("ssl_policy", "ELBSecurityPolicy-TLS13-1-2-2021-06")
            listener.set("certificate_arn", Expr("var.certificate_arn"))
            first = self.ident(self.routes[0])
            listener.add(
                Block("default_action")
                .set("type", "forward")
                .set("target_group_arn", Expr(f"aws_lb_target_group.{first}.arn"))
            )
            out.append(listener)
            for index, cid in enumerate(self.routes):
                s = self.ident(cid)
                comp = self.topo.component(cid)
                out.append(
                    Block("resource", ("aws_lb_target_group", s))
                    .set("name_prefix", "svc-")
                    .set("port", SERVICE_PORT)
                    .set("protocol", "HTTP")
                    .set("target_type", "ip")
                    .set("vpc_id", Expr("module.network.vpc_id"))
                    .add(Block("health_check").set("path", health_path(comp)).set("matcher", "200"))
                )
                if index:
                    out.append(
                        Block("resource", ("aws_lb_listener_rule", s))
                        .set("listener_arn", Expr("aws_lb_listener.https.arn"))
                        .set("priority", index * 10)
                        .add(
                            Block("action")
                            .set("type", "forward")
                            .set("target_group_arn", Expr(f"aws_lb_target_group.{s}.arn"))
                        )
                        .add(
                            Block("condition").add(
                                Block("path_pattern").set("values", [f"/{self.topo.dns(cid)}/*"])
                            )
                        )
                    )
        for cdn in sorted(self.arch.components, key=lambda c: c.id):
            origin = cdn_origin(self.topo, cdn) if cdn.kind is Kind.CDN else None
            if origin is not None:
                out.extend(self._cloudfront(cdn, origin))
        return out

    def fronts_alb(self, cid: str) -> bool:
        return fronts_alb(self.topo, cid)

    def front_lb_id(self) -> str | None:
        """The designed load balancer the ALB stands for (see `front_load_balancer`)."""
        front = front_load_balancer(self.topo)
        return front.id if front else None

    def _buckets(self) -> list[str]:
        return [c.id for c, r in self.topo.stores if r.aws == "s3"]

    def _cloudfront(self, cdn: Component, origin: str) -> list[Block | Comment]:
        """One distribution per designed CDN, in front of the origin the design gives it."""
        name = self.ident(cdn.id)
        dist = Block("resource", ("aws_cloudfront_distribution", name))
        dist.set("enabled", True).set("comment", aws_text(f"{self.arch.name}: {cdn.label}"))
        dist.set("price_class", "PriceClass_100").set("tags", {"Component": cdn.id})
        extra: list[Block | Comment] = []
        if origin == ALB_ORIGIN:
            origin_id = _alb_origin(dist)
        else:
            origin_id, access = self._bucket_origin(dist, cdn, origin)
            extra = [access]
        _cdn_delivery(dist, origin_id)
        return [*extra, dist]

    def _bucket_origin(self, dist: Block, cdn: Component, origin: str) -> tuple[str, Block]:
        """The S3 origin, read through an origin access control (the bucket stays
        private), with a failover bucket as an origin group where the design has one.
        Returns the origin id the cache behaviour targets and the access control."""
        name = self.ident(cdn.id)
        bucket = self.ident(origin)
        failover = cdn_failover(self.topo, cdn)
        access = (
            Block("resource", ("aws_cloudfront_origin_access_control", name))
            .set("name", Expr(f'"${{var.project}}-{self.topo.dns(cdn.id)}-oac"'))
            .set("origin_access_control_origin_type", "s3")
            .set("signing_behavior", "always")
            .set("signing_protocol", "sigv4")
        )
        dist.add(
            Block("origin")
            .set("origin_id", "s3")
            .set("domain_name", Expr(f"aws_s3_bucket.{bucket}.bucket_regional_domain_name"))
            .set(
                "origin_access_control_id",
                Expr(f"aws_cloudfront_origin_access_control.{name}.id"),
            )
        )
        dist.set("default_root_object", "index.html")
        if failover is not None:
            return _failover_origins(dist, name, self.ident(failover)), access
        return "s3", access

    # -- services ---------------------------------------------------------------------
    def services(self) -> list[Block | Comment]:
        out: list[Block | Comment] = []
        actions = load_mapping().aws_iam_actions
        for comp in self.topo.services:
            s, name = self.ident(comp.id), self.topo.dns(comp.id)
            env: dict[str, Any] = {"PORT": str(SERVICE_PORT), "SERVICE_NAME": name}
            secrets: dict[str, Any] = {}
            secret_arns: list[Expr] = []
            statements: list[Block] = []
            for target in self.topo.calls_from(comp.id):
                key = env_name(self.topo.dns(target))
                if target in self.topo.service_ids:
                    env[f"{key}_URL"] = Expr(
                        f'"http://{self.topo.dns(target)}.${{var.project}}.internal:{SERVICE_PORT}"'
                    )
                    continue
                built = self.built.get(target)  # not `get(target, Built())`: one per call
                reach = built.reach if built is not None else _UNREACHED
                if reach.url is not None:
                    env[f"{key}_URL"] = reach.url
                if reach.secret_arn is not None:
                    suffix = f":{reach.secret_key}::" if reach.secret_key else ""
                    secrets[f"{key}_PASSWORD"] = (
                        Expr(f'"${{{reach.secret_arn.text}}}{suffix}"')
                        if suffix
                        else reach.secret_arn
                    )
                    secret_arns.append(reach.secret_arn)
                role = self.topo.roles[target]
                if reach.arns and role.aws in actions:
                    statements.append(
                        Block("statement")
                        .set("actions", actions[role.aws])
                        .set("resources", reach.arns)
                    )
            module = Block("module", (s,)).set("source", "./modules/ecs-service")
            module.set("name", name).set("cluster_arn", Expr("aws_ecs_cluster.main.arn"))
            module.set("image", Expr(f'var.images["{name}"]')).set("port", SERVICE_PORT)
            module.set("health_path", health_path(comp)).set("desired_count", max(comp.replicas, 1))
            module.set("environment", env).set("secrets", secrets).set("secret_arns", secret_arns)
            module.set("subnet_ids", Expr("module.network.private_subnet_ids"))
            module.set("security_group_id", _group_id(s))
            module.set("namespace_id", Expr("aws_service_discovery_private_dns_namespace.main.id"))
            module.set("kms_key_arn", KMS)
            module.set("tags", {"Component": comp.id, "Kind": comp.kind.value})
            if comp.id in self.routed:
                module.set("target_group_arn", Expr(f"aws_lb_target_group.{s}.arn"))
            out.append(Comment(f"{comp.label} ({comp.kind.value})"))
            out.append(module)
            if statements:
                out.append(Block("data", ("aws_iam_policy_document", f"{s}_task")).add(*statements))
                out.append(
                    Block("resource", ("aws_iam_role_policy", f"{s}_task"))
                    .set("role", Expr(f"module.{s}.task_role_name"))
                    .set("policy", Expr(f"data.aws_iam_policy_document.{s}_task.json"))
                )
        return out


def _main_blocks(root: _Root) -> list[Block | Comment]:
    """The account-wide blocks every design needs: the KMS key, the network, the ECS
    cluster and its service-discovery namespace, and RDS monitoring when there is RDS."""
    kms_policy = _kms_policy()
    blocks: list[Block | Comment] = [
        Block("data", ("aws_caller_identity", "current")),
        kms_policy,
        Block("resource", ("aws_kms_key", "main"))
        .set("description", Expr('"${var.project}: data at rest, logs and secrets"'))
        .set("enable_key_rotation", True)
        .set("deletion_window_in_days", 30)
        .set("policy", Expr("data.aws_iam_policy_document.kms.json")),
        Block("module", ("network",))
        .set("source", "./modules/network")
        .set("name", Expr("var.project"))
        .set("cidr", Expr("var.vpc_cidr"))
        .set("az_count", Expr("var.az_count"))
        .set("kms_key_arn", KMS),
        Block("resource", ("aws_ecs_cluster", "main"))
        .set("name", Expr("var.project"))
        .add(Block("setting").set("name", "containerInsights").set("value", "enabled")),
        Block("resource", ("aws_service_discovery_private_dns_namespace", "main"))
        .set("name", Expr('"${var.project}.internal"'))
        .set("vpc", Expr("module.network.vpc_id")),
    ]
    if any(r.aws in ("rds_postgres", "rds_mysql") for _, r in root.topo.stores):
        blocks += _rds_monitoring()
    return blocks


def _kms_policy() -> Block:
    """The KMS key's policy: the account administers the key and CloudWatch Logs may use
    it, so log groups can be encrypted with the design's one key."""
    return Block("data", ("aws_iam_policy_document", "kms")).add(
        Comment("checkov:skip=CKV_AWS_109: a key policy names the key itself as '*'"),
        Comment("checkov:skip=CKV_AWS_111: a key policy names the key itself as '*'"),
        Comment("checkov:skip=CKV_AWS_356: a key policy names the key itself as '*'"),
        Block("statement")
        .set("sid", "AccountAdministers")
        .set("actions", ["kms:*"])
        .set("resources", ["*"])
        .add(
            Block("principals")
            .set("type", "AWS")
            .set(
                "identifiers",
                [Expr('"arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"')],
            )
        ),
        Block("statement")
        .set("sid", "LogsEncrypt")
        .set(
            "actions",
            [
                "kms:Encrypt*",
                "kms:Decrypt*",
                "kms:ReEncrypt*",
                "kms:GenerateDataKey*",
                "kms:Describe*",
            ],
        )
        .set("resources", ["*"])
        .add(
            Block("principals")
            .set("type", "Service")
            .set("identifiers", [Expr('"logs.${var.region}.amazonaws.com"')])
        ),
    )


def _rds_monitoring() -> list[Block | Comment]:
    """The role RDS enhanced monitoring assumes to publish OS metrics, written only when
    the design has an RDS database."""
    assume = Block("data", ("aws_iam_policy_document", "rds_monitoring_assume")).add(
        Block("statement")
        .set("actions", ["sts:AssumeRole"])
        .add(
            Block("principals")
            .set("type", "Service")
            .set("identifiers", ["monitoring.rds.amazonaws.com"])
        )
    )
    return [
        assume,
        Block("resource", ("aws_iam_role", "rds_monitoring"))
        .set("name_prefix", "rds-mon-")
        .set(
            "assume_role_policy",
            Expr("data.aws_iam_policy_document.rds_monitoring_assume.json"),
        ),
        Block("resource", ("aws_iam_role_policy_attachment", "rds_monitoring"))
        .set("role", Expr("aws_iam_role.rds_monitoring.name"))
        .set("policy_arn", "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"),
    ]


def _variables(root: _Root) -> list[Block | Comment]:
    regions = root.arch.requirements.constraints.regions
    images = {
        root.topo.dns(c.id): f"{root.project}/{root.topo.dns(c.id)}:0.1.0"
        for c in root.topo.services
    }

    def var(name: str, kind: str, why: str, default: Any = None) -> Block:
        block = Block("variable", (name,)).set("description", why).set("type", Expr(kind))
        return block.set("default", default) if default is not None else block

    out = [
        var("project", "string", "Name prefix of every resource.", root.project),
        var("region", "string", "AWS region.", regions[0] if regions else "us-east-1"),
        var("vpc_cidr", "string", "CIDR block of the VPC.", "10.0.0.0/16"),
        var(
            "az_count",
            "number",
            "Availability zones to spread over.",
            network_zones(root.arch),
        ),
        var(
            "images", "map(string)", "Container image per service, pinned by tag or digest.", images
        ),
    ]
    if root.routes:
        out.append(var("certificate_arn", "string", "ACM certificate for the load balancer."))
    if any(role.aws == "ses" for _, role in root.topo.stores):
        out.append(var("email_domain", "string", "Domain the services send email from (SES)."))
    if any(c.kind is Kind.CDN for c in root.arch.components):
        out.append(
            var(
                "cloudfront_certificate_arn",
                "string",
                "ACM certificate (us-east-1) for CloudFront.",
            )
        )
    return list(out)


def _outputs(root: _Root) -> list[Block | Comment]:
    def out(name: str, why: str, value: Expr) -> Block:
        return Block("output", (name,)).set("description", why).set("value", value)

    blocks: list[Block | Comment] = [out("vpc_id", "Id of the VPC.", Expr("module.network.vpc_id"))]
    if root.routes:
        blocks.append(
            out("load_balancer_dns", "DNS name of the load balancer.", Expr("aws_lb.main.dns_name"))
        )
    for cid, built in sorted(root.built.items()):
        if built.reach.url is not None:
            blocks.append(
                out(
                    f"{root.ident(cid)}_endpoint",
                    f"How services reach {root.topo.component(cid).label}.",
                    built.reach.url,
                )
            )
    return blocks


def _providers() -> list[Block | Comment]:
    versions = (
        Block("terraform")
        .set("required_version", ">= 1.5.0")
        .add(
            Block("required_providers")
            .set("aws", {"source": "hashicorp/aws", "version": "~> 5.60"})
            .set("random", {"source": "hashicorp/random", "version": "~> 3.6"})
        )
    )
    return [versions]


ALB_ORIGIN = "alb"


def fronts_alb(topo: Topology, cid: str) -> bool:
    """A front door (API Gateway, WAF) whose designed targets the ALB serves, or that
    stands in front of the designed load balancer itself."""
    front = front_load_balancer(topo)
    behind = {*front_routes(topo), *([front.id] if front else [])}
    return any(target in behind for target in topo.connection_targets(cid))


def _unwired_fronts(topo: Topology) -> list[Loss]:
    """A written front door whose targets the ALB does not serve stays unattached."""
    out: list[Loss] = []
    for comp, role in topo.stores:
        if role.front and role.aws in BUILDERS and not fronts_alb(topo, comp.id):
            out.extend(
                Loss(
                    f"{c.source}->{c.target}",
                    Fact.CONNECTION,
                    designed_as(comp),
                    "written unattached: its target is not behind the load balancer",
                    format_limit=False,
                )
                for c in topo.arch.connections
                if c.source == comp.id
            )
    return out


def _front_wiring(topo: Topology) -> list[Loss]:
    """How a written front door reaches a designed load balancer: an HTTP API over a
    VPC link to the ALB listener, a web ACL by association with the ALB. A front door
    the design draws past the load balancer gets that call added (declared); a web ACL
    drawn in front of another front door is attached to the ALB only, since AWS WAF
    does not associate with an HTTP API
    (https://docs.aws.amazon.com/waf/latest/developerguide/waf-chapter.html), and a
    REST API, which it does, is not written yet."""
    front = front_load_balancer(topo)
    if front is None:
        return []  # the added ALB declares its own calls (`losses`)
    out: list[Loss] = []
    fronts = {c.id: r for c, r in topo.stores if r.front and r.aws in BUILDERS}
    for cid, role in sorted(fronts.items()):
        if not fronts_alb(topo, cid):
            continue
        drawn = {c.target for c in topo.arch.connections if c.source == cid}
        if front.id not in drawn:
            why = f"the {role.aws} resource reaches the services through the load balancer"
            out.append(
                Loss(f"{cid}->{front.id}", Fact.ADDED_CALL, designed_as(topo.component(cid)), why)
            )
        if role.aws != "wafv2":
            continue
        out.extend(
            Loss(
                f"{cid}->{target}",
                Fact.CONNECTION,
                designed_as(topo.component(cid)),
                "the web ACL is associated with the load balancer; AWS WAF does not "
                "associate with the HTTP API written for it",
                format_limit=False,
            )
            for target in sorted(drawn)
            if target in fronts
        )
    return out


def _unwritten_links(topo: Topology) -> list[Loss]:
    """Designed links between two managed resources that the Terraform does not write
    yet: cross-region replication (S3 replication rules, cross-region read replicas,
    global tables), a delivery from one store into another (an event notification, a
    Firehose stream), a CDN's second origin (an origin group for failover). Terraform
    could hold each of them, so they are the exporter's gaps, declared as such."""
    out: list[Loss] = []
    cdns = {c.id: cdn_origin(topo, c) for c in topo.others if c.kind is Kind.CDN}
    front = front_load_balancer(topo)
    behind = {*front_routes(topo), *([front.id] if front else [])}
    for conn in topo.arch.connections:
        source, target = topo.roles.get(conn.source), topo.roles.get(conn.target)
        if conn.source in cdns and cdns[conn.source] is not None:
            origin = cdns[conn.source]
            if conn.target == origin or (origin == ALB_ORIGIN and conn.target in behind):
                continue
            if conn.target == cdn_failover(topo, topo.component(conn.source)):
                continue
            why = "CloudFront is written with its origin and one failover bucket only"
        elif source and target and not (source.front or target.front):
            if not (source.aws in BUILDERS and target.aws in BUILDERS):
                continue  # an end not written says so itself
            if target.aws in source.delivers:
                continue  # written as the source's action (an IoT rule's Kinesis put)
            why = (
                "cross-region replication is not written yet"
                if conn.properties.get("replication")
                else "a delivery from one managed resource into another is not written yet"
            )
        else:
            continue
        out.append(
            Loss(
                f"{conn.source}->{conn.target}",
                Fact.CONNECTION,
                conn.protocol.value,
                why,
                format_limit=False,
            )
        )
    return out


FAILOVER_GROUP = "s3-failover-group"


def _alb_origin(dist: Block) -> str:
    """The load balancer as the distribution's origin, over HTTPS only; its origin id."""
    dist.add(
        Block("origin")
        .set("origin_id", "alb")
        .set("domain_name", Expr("aws_lb.main.dns_name"))
        .add(
            Block("custom_origin_config")
            .set("http_port", 80)
            .set("https_port", 443)
            .set("origin_protocol_policy", "https-only")
            .set("origin_ssl_protocols", ["TLSv1.2"])
        )
    )
    return "alb"


def _cdn_delivery(dist: Block, origin_id: str) -> None:
    """How the distribution serves: HTTPS only, AWS's managed caching and security
    headers policies, every method unless an origin group (reads only) is the target,
    no geo restriction, the ACM certificate by SNI with TLS 1.2 or later."""
    methods = ["GET", "HEAD", "OPTIONS"]
    if origin_id != FAILOVER_GROUP:  # an origin group serves reads only
        methods += ["PUT", "POST", "PATCH", "DELETE"]
    dist.add(
        Block("default_cache_behavior")
        .set("target_origin_id", origin_id)
        .set("viewer_protocol_policy", "redirect-to-https")
        .set("allowed_methods", methods)
        .set("cached_methods", ["GET", "HEAD"])
        .set("cache_policy_id", "658327ea-f89d-4fab-a63d-7e88639e58f6")
        .set("response_headers_policy_id", "67f7725c-6f97-4210-82d7-5512b31e9d03")
    )
    dist.add(Block("restrictions").add(Block("geo_restriction").set("restriction_type", "none")))
    dist.add(
        Block("viewer_certificate")
        .set("acm_certificate_arn", Expr("var.cloudfront_certificate_arn"))
        .set("ssl_support_method", "sni-only")
        .set("minimum_protocol_version", "TLSv1.2_2021")
    )


def _failover_origins(dist: Block, name: str, bucket: str) -> str:
    """The designed second bucket as the failover member of an origin group: CloudFront
    retries a read there when the first answers 5xx (origin failover,
    https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html).
    Returns the group's id, the cache behaviour's target."""
    dist.add(
        Block("origin")
        .set("origin_id", "s3-failover")
        .set("domain_name", Expr(f"aws_s3_bucket.{bucket}.bucket_regional_domain_name"))
        .set("origin_access_control_id", Expr(f"aws_cloudfront_origin_access_control.{name}.id"))
    )
    group = Block("origin_group").set("origin_id", FAILOVER_GROUP)
    group.add(Block("failover_criteria").set("status_codes", [500, 502, 503, 504]))
    group.add(Block("member").set("origin_id", "s3"))
    group.add(Block("member").set("origin_id", "s3-failover"))
    dist.add(group)
    return FAILOVER_GROUP


def cdn_failover(topo: Topology, cdn: Component) -> str | None:
    """A second bucket the design connects a bucket-fronting CDN to (the replica in the
    other region): written as the origin group's failover member."""
    origin = cdn_origin(topo, cdn)
    if origin is None or origin == ALB_ORIGIN:
        return None
    others = sorted(
        target
        for target in topo.connection_targets(cdn.id)
        if target != origin and (role := topo.roles.get(target)) is not None and role.aws == "s3"
    )
    return others[0] if others else None


def cdn_origin(topo: Topology, cdn: Component) -> str | None:
    """What a CDN's distribution fetches from: the bucket the design connects it to,
    else the ALB when it connects to the load balancer or an entry service."""
    routes = front_routes(topo)
    front = front_load_balancer(topo)
    targets = sorted(topo.connection_targets(cdn.id))
    for target in targets:
        role = topo.roles.get(target)
        if role is not None and role.aws == "s3":
            return target
    behind = {*routes, *([front.id] if front else [])}
    return ALB_ORIGIN if routes and any(t in behind for t in targets) else None


def _edge_loss(root_topo: Topology, comp: Component) -> Loss | None:
    """CloudFront and the ALB are written from the model's CDN and entry points; every
    other edge or platform component without a role is not written."""
    if comp.kind is Kind.CDN and cdn_origin(root_topo, comp) is not None:
        return _tech_loss(comp, "aws-cloudfront", "written as CloudFront")
    front = front_load_balancer(root_topo)
    if comp.kind is Kind.LOAD_BALANCER and front is not None and comp.id == front.id:
        return _tech_loss(comp, "aws-alb", "written as the application load balancer")
    why = f"no Terraform resource is written for a {comp.kind.value}"
    return component_loss(comp, why, format_limit=False)


def _tech_loss(comp: Component, written: str, why: str) -> Loss | None:
    if not comp.technology or catalog_name(comp.technology) == written:
        return None
    limit = foreign(comp.technology, "aws")
    return Loss(comp.id, Fact.TECHNOLOGY, comp.technology, why, written, format_limit=limit)


def _replica_losses(arch: Architecture, topo: Topology) -> list[Loss]:
    """Replica counts the written resources do not carry as designed."""
    out: list[Loss] = []
    front = front_load_balancer(topo)
    cdns = {c.id for c in arch.components if c.kind is Kind.CDN and cdn_origin(topo, c)}
    for comp in sorted(arch.components, key=lambda c: c.id):
        role = topo.roles.get(comp.id)
        if role is not None and role.aws in BUILDERS:
            target = Target(arch, comp, role, "x", topo.dns(comp.id))
            aurora = "aurora" in (comp.technology or "")
            written, limit = written_replicas(target), role.aws not in _COUNTED or aurora
        elif (front and comp.id == front.id) or comp.id in cdns:
            written, limit = 1, True
        else:
            continue
        if written and written != comp.replicas:
            why = _REPLICA_WHY.get(
                "aurora" if "aurora" in (comp.technology or "") else (role.aws if role else ""),
                "the managed service spreads itself over zones; no node count to write"
                if limit
                else "written with the node count the SLO's Multi-AZ set-up needs",
            )
            out.append(Loss(comp.id, Fact.REPLICAS, designed_as(comp), why, str(written), limit))
    return out


def _protocol_losses(topo: Topology) -> list[Loss]:
    """Between our services a security group opens TCP 8080, which reads as HTTP: TLS
    or gRPC on that port is the application's business, not something Terraform says."""
    out: list[Loss] = []
    for conn in topo.arch.connections:
        store = topo.roles.get(conn.target) or topo.roles.get(conn.source)
        speaks = store.aws_protocol if store and store.aws in BUILDERS else ""
        served = bool({conn.source, conn.target} & topo.service_ids)
        source, target = topo.roles.get(conn.source), topo.roles.get(conn.target)
        if source and target and target.aws in source.delivers and source.aws in BUILDERS:
            store, speaks, served = target, target.aws_protocol, True  # a written action
        if store and speaks and served and conn.protocol and conn.protocol.value != speaks:
            out.append(
                Loss(
                    f"{conn.source}->{conn.target}",
                    Fact.PROTOCOL,
                    conn.protocol.value,
                    f"the {store.aws} resource speaks {speaks}",
                    speaks,
                )
            )
        both = {conn.source, conn.target} <= topo.service_ids
        if both and conn.protocol is not None and conn.protocol.value != "http":
            out.append(
                Loss(
                    f"{conn.source}->{conn.target}",
                    Fact.PROTOCOL,
                    conn.protocol.value,
                    "a security group opens TCP 8080 between services; the protocol on it "
                    "is the application's",
                    "http",
                )
            )
    return out


_REPLICA_WHY = {
    "aurora": "Aurora counts its writer, standbys and readers alike as cluster instances",
    "msk": "MSK runs a whole number of brokers in each zone",
}
# Roles whose resources are written with a node count (the others scale themselves).
_COUNTED = frozenset({"rds_postgres", "rds_mysql", "elasticache_redis", "opensearch"})


def losses(arch: Architecture) -> list[Loss]:
    """What the Terraform does not write as designed (see `_fidelity.cloud_losses`)."""
    topo = build_topology(arch)
    out = cloud_losses(
        topo, "aws", "aws-ecs-fargate", lambda key: key in BUILDERS, lambda c: _edge_loss(topo, c)
    )
    out.extend(_replica_losses(arch, topo))
    out.extend(_protocol_losses(topo))
    out.extend(_unwired_fronts(topo))
    out.extend(_unwritten_links(topo))
    out.extend(_front_wiring(topo))
    if front_routes(topo) and front_load_balancer(topo) is None:
        out.append(
            Loss(
                "aws_lb.main",
                Fact.ADDED,
                "load_balancer",
                "public services are reached through an application load balancer; the "
                "design draws none in front of them",
                ",".join(front_routes(topo)),
            )
        )
        out.extend(
            Loss(
                f"{comp.id}->aws_lb.main",
                Fact.ADDED_CALL,
                designed_as(comp),
                "the front door reaches the services through the added load balancer",
            )
            for comp, role in topo.stores
            if role.front and role.aws in BUILDERS and fronts_alb(topo, comp.id)
        )
    return out


_INTRO = """Terraform for AWS generated by archwright from the design "{name}":
`modules/network` and `modules/ecs-service` are fixed modules, the root module follows the
design. Run `terraform init` and `terraform plan` in this folder."""


@sharing_topology
def render(arch: Architecture) -> Files:
    root = _Root(arch)
    root.build_stores()
    provider = (
        Block("provider", ("aws",))
        .set("region", Expr("var.region"))
        .add(
            Block("default_tags").set(
                "tags", {"Project": Expr("var.project"), "ManagedBy": "terraform"}
            )
        )
    )
    files: Files = {
        "terraform/versions.tf": render_hcl(_providers()),
        "terraform/providers.tf": render_hcl([provider]),
        "terraform/variables.tf": render_hcl(_variables(root)),
        "terraform/outputs.tf": render_hcl(_outputs(root)),
        "terraform/main.tf": render_hcl(_with_skips(_main_blocks(root))),
        "terraform/security_groups.tf": render_hcl(_with_skips(root.security_groups())),
        "terraform/services.tf": render_hcl(
            _with_skips(root.services()) or [Comment("No services in the model.")]
        ),
    }
    edge = root.edge()
    if edge:
        files["terraform/edge.tf"] = render_hcl(_with_skips(edge))
    if root.data_blocks:
        files["terraform/data.tf"] = render_hcl(_with_skips(root.data_blocks))
    files.update(_static_modules())
    files["terraform/README.md"] = readme(
        f"{arch.name}: Terraform (AWS)", _INTRO.format(name=arch.name), losses(arch)
    )
    return files


__all__ = ["EXPORTER", "Reach", "render"]
