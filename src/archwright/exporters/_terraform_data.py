"""Terraform for the data tier and messaging: one function per AWS role.

Each returns the blocks of one component and the facts services need to reach it
(`Reach`: the URL expression, the secret to read, the IAM actions to allow). Settings
follow the model: encryption always, backups from `backups`, Multi-AZ when the SLO or
the replica count asks for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from archwright.exporters._fidelity import catalog_name
from archwright.exporters._hcl import Block, Comment, Expr, Value
from archwright.exporters._topology import Role
from archwright.model import Architecture, Component

KMS = Expr("aws_kms_key.main.arn")
PRIVATE_SUBNETS = Expr("module.network.private_subnet_ids")


@dataclass
class Reach:
    """How a service reaches one managed resource."""

    url: Expr | None = None
    secret_arn: Expr | None = None
    secret_key: str = ""
    arns: list[Expr] = field(default_factory=list)
    in_vpc: bool = False


@dataclass
class Built:
    blocks: list[Block | Comment] = field(default_factory=list)
    reach: Reach = field(default_factory=Reach)


@dataclass(frozen=True)
class Target:
    arch: Architecture
    comp: Component
    role: Role
    ident: str  # validated Terraform identifier
    dns: str  # DNS label, used in AWS names
    dead_letter_ident: str = ""  # identifier of its SQS dead-letter queue, if any
    fronts_alb: bool = False  # a front door (API Gateway, WAF) whose targets the ALB serves
    deliveries: tuple[tuple[str, str], ...] = ()  # (AWS role, identifier) it writes into

    def name(self, limit: int = 63) -> Expr:
        return Expr(f'trim(substr("${{var.project}}-{self.dns}", 0, {limit}), "-")')

    def tags(self) -> dict[str, Value]:
        return {"Component": self.comp.id, "Kind": self.comp.kind.value}

    @property
    def multi_az(self) -> bool:
        slo = self.arch.requirements.slo.availability
        return (
            (slo is not None and slo >= 99.9)
            or self.comp.replicas >= 2
            or len(self.comp.zones) >= 2
        )

    @property
    def retention_days(self) -> int:
        backups = self.comp.backups
        days = backups.retention_days if backups and backups.retention_days else 7
        return max(1, min(days, 35))


def sg(target: Target) -> Expr:
    return Expr(f"[aws_security_group.{target.ident}.id]")


def instance_class(t: Target) -> str:
    """The RDS class sizing chose (`instance_size`, a catalog size of an RDS price), else
    the general-purpose class written before sizes were chosen."""
    size = t.comp.instance_size or ""
    return size if size.startswith("db.") else "db.m6g.large"


def _rds(t: Target) -> Built:
    """A relational database: an Aurora cluster when the technology names Aurora, else
    an RDS instance with its read replicas; both in private subnets, reached by URL
    with the master password from the secret RDS manages."""
    engine = "postgres" if t.role.name in ("postgres", "pgvector") else "mysql"
    subnet = (
        Block("resource", ("aws_db_subnet_group", t.ident))
        .set("name", t.name())
        .set("subnet_ids", PRIVATE_SUBNETS)
    )
    if "aurora" in (t.comp.technology or "").lower():
        return _aurora(t, engine, subnet)
    return _rds_instance(t, engine, subnet)


def _rds_common(t: Target) -> list[tuple[str, Value]]:
    """Settings an Aurora cluster and an RDS instance share: encryption, the managed
    master password, IAM authentication, backups, deletion protection, tags."""
    return [
        ("storage_encrypted", True),
        ("kms_key_id", KMS),
        ("db_subnet_group_name", Expr(f"aws_db_subnet_group.{t.ident}.name")),
        ("vpc_security_group_ids", sg(t)),
        ("manage_master_user_password", True),
        ("master_username", "app"),
        ("iam_database_authentication_enabled", True),
        ("backup_retention_period", t.retention_days),
        ("deletion_protection", True),
        ("copy_tags_to_snapshot", True),
        ("tags", t.tags()),
    ]


def _rds_logs(engine: str) -> list[str]:
    """The CloudWatch log exports of an RDS instance (or replica) of this engine."""
    if engine == "postgres":
        return ["postgresql", "upgrade"]
    return ["audit", "error", "general", "slowquery"]


def _aurora(t: Target, engine: str, subnet: Block) -> Built:
    """An Aurora cluster and `aurora_instances` instances in it."""
    cluster = Block("resource", ("aws_rds_cluster", t.ident))
    flavour = "aurora-postgresql" if engine == "postgres" else "aurora-mysql"
    cluster.set("cluster_identifier", t.name()).set("engine", flavour)
    for key, value in _rds_common(t):
        cluster.set(key, value)
    cluster.set(
        "enabled_cloudwatch_logs_exports",
        ["postgresql"] if engine == "postgres" else ["audit", "error", "general", "slowquery"],
    )
    cluster.set("skip_final_snapshot", False).set(
        "final_snapshot_identifier", Expr(f'"${{var.project}}-{t.dns}-final"')
    )
    count = aurora_instances(t)
    instance = Block("resource", ("aws_rds_cluster_instance", t.ident))
    instance.set("count", count).set(
        "identifier", Expr(f'"${{var.project}}-{t.dns}-${{count.index}}"')
    )
    instance.set("cluster_identifier", Expr(f"aws_rds_cluster.{t.ident}.id"))
    instance.set("instance_class", "db.r6g.large").set(
        "engine", Expr(f"aws_rds_cluster.{t.ident}.engine")
    )
    instance.set("auto_minor_version_upgrade", True).set("performance_insights_enabled", True)
    instance.set("performance_insights_kms_key_id", KMS)
    instance.set("monitoring_interval", 60).set(
        "monitoring_role_arn", Expr("aws_iam_role.rds_monitoring.arn")
    )
    url = Expr(f'"{t.role.scheme}://${{aws_rds_cluster.{t.ident}.endpoint}}:{t.role.port}"')
    secret = Expr(f"aws_rds_cluster.{t.ident}.master_user_secret[0].secret_arn")
    reach = Reach(url=url, secret_arn=secret, secret_key="password", in_vpc=True)
    return Built([subnet, cluster, instance], reach)


def _rds_instance(t: Target, engine: str, subnet: Block) -> Built:
    """An RDS instance (Multi-AZ when `multi_az`), storage autoscaling up to four times
    its size, and one instance per `read_replicas`."""
    storage = max(int(t.comp.storage_gb or 20), 20)
    db = Block("resource", ("aws_db_instance", t.ident))
    db.set("identifier", t.name()).set("engine", engine).set(
        "engine_version", "16" if engine == "postgres" else "8.0"
    )
    db.set("instance_class", instance_class(t)).set("allocated_storage", storage)
    db.set("max_allocated_storage", storage * 4)
    for key, value in _rds_common(t):
        db.set(key, value)
    if not t.multi_az:
        db.add(Comment("checkov:skip=CKV_AWS_157: one replica and an SLO below 99.9%"))
    db.set("multi_az", t.multi_az).set("publicly_accessible", False)
    db.set("auto_minor_version_upgrade", True).set("performance_insights_enabled", True)
    db.set("performance_insights_kms_key_id", KMS)
    db.set("monitoring_interval", 60).set(
        "monitoring_role_arn", Expr("aws_iam_role.rds_monitoring.arn")
    )
    db.set("enabled_cloudwatch_logs_exports", _rds_logs(engine))
    db.set("skip_final_snapshot", False).set(
        "final_snapshot_identifier", Expr(f'"${{var.project}}-{t.dns}-final"')
    )
    blocks: list[Block | Comment] = [subnet, db]
    blocks.extend(_rds_replica(t, engine, index) for index in range(t.comp.read_replicas))
    url = Expr(f'"{t.role.scheme}://${{aws_db_instance.{t.ident}.address}}:{t.role.port}"')
    secret = Expr(f"aws_db_instance.{t.ident}.master_user_secret[0].secret_arn")
    return Built(blocks, Reach(url=url, secret_arn=secret, secret_key="password", in_vpc=True))


def _rds_replica(t: Target, engine: str, index: int) -> Block:
    """Read replica `index` of the RDS instance, encrypted and monitored like it."""
    replica = Block("resource", ("aws_db_instance", f"{t.ident}_replica_{index}"))
    replica.set("identifier", Expr(f'"${{var.project}}-{t.dns}-ro{index}"'))
    replica.set("replicate_source_db", Expr(f"aws_db_instance.{t.ident}.identifier"))
    replica.set("instance_class", instance_class(t)).set("storage_encrypted", True)
    replica.set("kms_key_id", KMS).set("vpc_security_group_ids", sg(t))
    replica.set("publicly_accessible", False).set("auto_minor_version_upgrade", True)
    replica.set("performance_insights_enabled", True).set("performance_insights_kms_key_id", KMS)
    replica.set("monitoring_interval", 60).set(
        "monitoring_role_arn", Expr("aws_iam_role.rds_monitoring.arn")
    )
    replica.set("iam_database_authentication_enabled", True)
    replica.set("multi_az", t.multi_az)
    if not t.multi_az:
        replica.add(Comment("checkov:skip=CKV_AWS_157: an SLO below 99.9%"))
    replica.set("enabled_cloudwatch_logs_exports", _rds_logs(engine))
    replica.set("copy_tags_to_snapshot", True).set("skip_final_snapshot", True)
    replica.set("deletion_protection", True).set("tags", t.tags())
    return replica


def _redis(t: Target) -> Built:
    subnet = (
        Block("resource", ("aws_elasticache_subnet_group", t.ident))
        .set("name", t.name())
        .set("subnet_ids", PRIVATE_SUBNETS)
    )
    token = (
        Block("resource", ("random_password", f"{t.ident}_auth"))
        .set("length", 32)
        .set("special", False)
    )
    secret = (
        Block("resource", ("aws_secretsmanager_secret", f"{t.ident}_auth"))
        .set("name_prefix", Expr(f'"${{var.project}}-{t.dns}-auth-"'))
        .set("kms_key_id", KMS)
        .set("tags", {"PartOf": t.comp.id})
    )
    version = (
        Block("resource", ("aws_secretsmanager_secret_version", f"{t.ident}_auth"))
        .set("secret_id", Expr(f"aws_secretsmanager_secret.{t.ident}_auth.id"))
        .set("secret_string", Expr(f"random_password.{t.ident}_auth.result"))
    )
    nodes = max(t.comp.replicas, 2 if t.multi_az else 1)
    group = Block("resource", ("aws_elasticache_replication_group", t.ident))
    if nodes < 2:
        group.add(Comment("checkov:skip=CKV2_AWS_50: one node (one replica, SLO below 99.9%)"))
    group.set("replication_group_id", t.name(40)).set("description", f"{t.dns} (archwright)")
    group.set("engine", "redis").set("node_type", "cache.r6g.large")
    group.set("num_cache_clusters", nodes).set("port", t.role.port)
    group.set("automatic_failover_enabled", nodes >= 2).set("multi_az_enabled", nodes >= 2)
    group.set("at_rest_encryption_enabled", True).set("kms_key_id", KMS)
    group.set("transit_encryption_enabled", True).set(
        "auth_token", Expr(f"random_password.{t.ident}_auth.result")
    )
    group.set("subnet_group_name", Expr(f"aws_elasticache_subnet_group.{t.ident}.name"))
    group.set("security_group_ids", sg(t)).set("snapshot_retention_limit", t.retention_days)
    group.set("auto_minor_version_upgrade", True).set("tags", t.tags())
    url = Expr(
        f'"rediss://${{aws_elasticache_replication_group.{t.ident}'
        f'.primary_endpoint_address}}:{t.role.port}"'
    )
    return Built(
        [subnet, token, secret, version, group],
        Reach(
            url=url, secret_arn=Expr(f"aws_secretsmanager_secret.{t.ident}_auth.arn"), in_vpc=True
        ),
    )


def _msk(t: Target) -> Built:
    logs = (
        Block("resource", ("aws_cloudwatch_log_group", f"{t.ident}_broker"))
        .set("name", Expr(f'"/msk/${{var.project}}-{t.dns}"'))
        .set("retention_in_days", 365)
        .set("kms_key_id", KMS)
    )
    cluster = Block("resource", ("aws_msk_cluster", t.ident))
    cluster.set("cluster_name", t.name()).set("kafka_version", "3.6.0")
    cluster.set("number_of_broker_nodes", msk_brokers(t))
    info = (
        Block("broker_node_group_info")
        .set("instance_type", "kafka.m5.large")
        .set("client_subnets", PRIVATE_SUBNETS)
        .set("security_groups", sg(t))
    )
    info.add(Block("connectivity_info").add(Block("public_access").set("type", "DISABLED")))
    cluster.add(info)
    cluster.add(
        Block("encryption_info")
        .set("encryption_at_rest_kms_key_arn", KMS)
        .add(Block("encryption_in_transit").set("client_broker", "TLS").set("in_cluster", True))
    )
    cluster.add(Block("client_authentication").add(Block("sasl").set("iam", True)))
    cluster.add(
        Block("logging_info").add(
            Block("broker_logs").add(
                Block("cloudwatch_logs")
                .set("enabled", True)
                .set("log_group", Expr(f"aws_cloudwatch_log_group.{t.ident}_broker.name"))
            )
        )
    )
    cluster.set("tags", t.tags())
    url = Expr(f"aws_msk_cluster.{t.ident}.bootstrap_brokers_sasl_iam")
    return Built(
        [logs, cluster],
        Reach(
            url=url,
            arns=[
                Expr(f"aws_msk_cluster.{t.ident}.arn"),
                Expr(f'"${{replace(aws_msk_cluster.{t.ident}.arn, ":cluster/", ":topic/")}}/*"'),
                Expr(f'"${{replace(aws_msk_cluster.{t.ident}.arn, ":cluster/", ":group/")}}/*"'),
            ],
            in_vpc=True,
        ),
    )


def _kinesis(t: Target) -> Built:
    """A Kinesis data stream, on-demand capacity, encrypted with the project key."""
    stream = Block("resource", ("aws_kinesis_stream", t.ident)).set("name", t.name(128))
    stream.set("retention_period", 24 * max(1, min(t.retention_days, 365)))
    stream.set("encryption_type", "KMS").set("kms_key_id", Expr("aws_kms_key.main.id"))
    stream.add(Block("stream_mode_details").set("stream_mode", "ON_DEMAND"))
    stream.set("tags", t.tags())
    return Built(
        [stream],
        Reach(
            url=Expr(f"aws_kinesis_stream.{t.ident}.name"),
            arns=[Expr(f"aws_kinesis_stream.{t.ident}.arn")],
        ),
    )


def _iot_rule(t: Target) -> Built:
    """An IoT Core topic rule over the device topics, with one Kinesis action per stream
    the design delivers to, and the role IoT assumes to put the records."""
    name = f"{t.ident}_rule"
    assume = Block("data", ("aws_iam_policy_document", f"{name}_assume")).add(
        Block("statement")
        .set("actions", ["sts:AssumeRole"])
        .add(Block("principals").set("type", "Service").set("identifiers", ["iot.amazonaws.com"]))
    )
    role = Block("resource", ("aws_iam_role", name)).set("name", t.name(64))
    role.set("assume_role_policy", Expr(f"data.aws_iam_policy_document.{name}_assume.json"))
    streams = [ident for key, ident in t.deliveries if key == "kinesis"]
    blocks: list[Block | Comment] = [assume, role]
    if streams:
        document = Block("data", ("aws_iam_policy_document", name)).add(
            Block("statement")
            .set("actions", ["kinesis:PutRecord"])
            .set("resources", [Expr(f"aws_kinesis_stream.{s}.arn") for s in streams])
        )
        policy = Block("resource", ("aws_iam_role_policy", name))
        policy.set("role", Expr(f"aws_iam_role.{name}.id"))
        policy.set("policy", Expr(f"data.aws_iam_policy_document.{name}.json"))
        blocks += [document, policy]
    rule = Block("resource", ("aws_iot_topic_rule", t.ident))
    rule.set("name", Expr(f'replace("${{var.project}}_{t.ident}", "-", "_")'))
    rule.set("enabled", True).set("sql_version", "2016-03-23")
    rule.set("sql", "SELECT *, topic(2) AS device_id FROM 'devices/+/telemetry'")
    for stream in streams:
        action = Block("kinesis").set("role_arn", Expr(f"aws_iam_role.{name}.arn"))
        action.set("stream_name", Expr(f"aws_kinesis_stream.{stream}.name"))
        action.set("partition_key", "${topic(2)}")
        rule.add(action)
    rule.set("tags", t.tags())
    blocks.append(rule)
    return Built(blocks, Reach(url=Expr(f"aws_iot_topic_rule.{t.ident}.name")))


def _sqs(t: Target) -> Built:
    """A standard queue, or a FIFO queue (ordered per message group, deduplicated) when
    the design names SQS FIFO: its name must end in `.fifo`
    (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues.html)."""
    queue = Block("resource", ("aws_sqs_queue", t.ident))
    if catalog_name(t.comp.technology or "") == "aws-sqs-fifo":
        queue.set("name", Expr(f'format("%s.fifo", {t.name(75).text})'))
        queue.set("fifo_queue", True).set("content_based_deduplication", True)
    else:
        queue.set("name", t.name(80))
    queue.set("kms_master_key_id", Expr("aws_kms_key.main.id"))
    queue.set("message_retention_seconds", 1209600 if "dead" in t.comp.id else 345600)
    if t.dead_letter_ident:
        queue.set(
            "redrive_policy",
            Expr(
                f"jsonencode({{ deadLetterTargetArn = aws_sqs_queue.{t.dead_letter_ident}.arn, "
                "maxReceiveCount = 5 })"
            ),
        )
    queue.set("tags", t.tags())
    return Built(
        [queue],
        Reach(
            url=Expr(f"aws_sqs_queue.{t.ident}.url"), arns=[Expr(f"aws_sqs_queue.{t.ident}.arn")]
        ),
    )


def _sns(t: Target) -> Built:
    topic = (
        Block("resource", ("aws_sns_topic", t.ident))
        .set("name", t.name(256))
        .set("kms_master_key_id", Expr("aws_kms_key.main.id"))
        .set("tags", t.tags())
    )
    return Built(
        [topic],
        Reach(
            url=Expr(f"aws_sns_topic.{t.ident}.arn"), arns=[Expr(f"aws_sns_topic.{t.ident}.arn")]
        ),
    )


def _s3(t: Target) -> Built:
    bucket = Block("resource", ("aws_s3_bucket", t.ident)).set(
        "bucket_prefix", Expr(f'"${{substr(var.project, 0, 20)}}-{t.dns[:30]}-"')
    )
    bucket.set("tags", t.tags())
    ref = Expr(f"aws_s3_bucket.{t.ident}.id")
    versioning = (
        Block("resource", ("aws_s3_bucket_versioning", t.ident))
        .set("bucket", ref)
        .add(Block("versioning_configuration").set("status", "Enabled"))
    )
    sse = Block("resource", ("aws_s3_bucket_server_side_encryption_configuration", t.ident))
    sse.set("bucket", ref).add(
        Block("rule")
        .add(
            Block("apply_server_side_encryption_by_default")
            .set("sse_algorithm", "aws:kms")
            .set("kms_master_key_id", KMS)
        )
        .set("bucket_key_enabled", True)
    )
    block_public = Block("resource", ("aws_s3_bucket_public_access_block", t.ident)).set(
        "bucket", ref
    )
    for key in (
        "block_public_acls",
        "block_public_policy",
        "ignore_public_acls",
        "restrict_public_buckets",
    ):
        block_public.set(key, True)
    lifecycle = (
        Block("resource", ("aws_s3_bucket_lifecycle_configuration", t.ident))
        .set("bucket", ref)
        .add(
            Block("rule")
            .set("id", "expire-old-versions")
            .set("status", "Enabled")
            .add(Block("filter"))
            .add(Block("noncurrent_version_expiration").set("noncurrent_days", 90))
            .add(Block("abort_incomplete_multipart_upload").set("days_after_initiation", 7))
        )
    )
    arn = Expr(f"aws_s3_bucket.{t.ident}.arn")
    return Built(
        [bucket, versioning, sse, block_public, lifecycle],
        Reach(
            url=Expr(f'"s3://${{aws_s3_bucket.{t.ident}.bucket}}"'),
            arns=[arn, Expr(f'"${{aws_s3_bucket.{t.ident}.arn}}/*"')],
        ),
    )


def _dynamodb(t: Target) -> Built:
    table = Block("resource", ("aws_dynamodb_table", t.ident)).set("name", t.name(255))
    table.set("billing_mode", "PAY_PER_REQUEST").set("hash_key", "id")
    table.add(Block("attribute").set("name", "id").set("type", "S"))
    table.add(Block("point_in_time_recovery").set("enabled", True))
    table.add(Block("server_side_encryption").set("enabled", True).set("kms_key_arn", KMS))
    table.set("deletion_protection_enabled", True).set("tags", t.tags())
    return Built(
        [table],
        Reach(
            url=Expr(f"aws_dynamodb_table.{t.ident}.name"),
            arns=[Expr(f"aws_dynamodb_table.{t.ident}.arn")],
        ),
    )


def _opensearch(t: Target) -> Built:
    """An OpenSearch domain in private subnets (zone-aware with two nodes or more),
    encrypted, HTTPS only, fine-grained access with IAM, audit logs to CloudWatch."""
    nodes = max(t.comp.replicas, 2 if t.multi_az else 1)
    domain = (
        Block("resource", ("aws_opensearch_domain", t.ident))
        .set("domain_name", t.name(28))
        .set("engine_version", "OpenSearch_2.13")
    )
    config = (
        Block("cluster_config")
        .set("instance_type", "r6g.large.search")
        .set("instance_count", nodes)
        .set("zone_awareness_enabled", nodes >= 2)
    )
    domain.add(config)
    domain.add(
        Block("vpc_options")
        .set("subnet_ids", Expr(f"slice(module.network.private_subnet_ids, 0, {min(nodes, 2)})"))
        .set("security_group_ids", sg(t))
    )
    domain.add(
        Block("ebs_options")
        .set("ebs_enabled", True)
        .set("volume_size", max(int(t.comp.storage_gb or 20), 10))
    )
    _opensearch_security(domain)
    logs = (
        Block("resource", ("aws_cloudwatch_log_group", f"{t.ident}_search"))
        .set("name", Expr(f'"/opensearch/${{var.project}}-{t.dns}"'))
        .set("retention_in_days", 365)
        .set("kms_key_id", KMS)
    )
    domain.add(
        Block("log_publishing_options")
        .set("log_type", "AUDIT_LOGS")
        .set("enabled", True)
        .set("cloudwatch_log_group_arn", Expr(f"aws_cloudwatch_log_group.{t.ident}_search.arn"))
    )
    domain.set("tags", t.tags())
    return Built(
        [logs, domain],
        Reach(
            url=Expr(f'"https://${{aws_opensearch_domain.{t.ident}.endpoint}}"'),
            arns=[Expr(f'"${{aws_opensearch_domain.{t.ident}.arn}}/*"')],
            in_vpc=True,
        ),
    )


def _opensearch_security(domain: Block) -> None:
    """Encryption at rest (KMS) and between nodes, TLS 1.2 or later, and fine-grained
    access control with the deploying identity as master (no internal user database)."""
    domain.add(Block("encrypt_at_rest").set("enabled", True).set("kms_key_id", KMS))
    domain.add(Block("node_to_node_encryption").set("enabled", True))
    domain.add(
        Block("domain_endpoint_options")
        .set("enforce_https", True)
        .set("tls_security_policy", "Policy-Min-TLS-1-2-2019-07")
    )
    domain.add(
        Block("advanced_security_options")
        .set("enabled", True)
        .set("internal_user_database_enabled", False)
        .add(
            Block("master_user_options").set(
                "master_user_arn", Expr("data.aws_caller_identity.current.arn")
            )
        )
    )


def _cognito(t: Target) -> Built:
    pool = Block("resource", ("aws_cognito_user_pool", t.ident)).set("name", t.name(128))
    pool.set("mfa_configuration", "OPTIONAL")
    pool.add(Block("software_token_mfa_configuration").set("enabled", True))
    pool.add(
        Block("password_policy")
        .set("minimum_length", 12)
        .set("require_lowercase", True)
        .set("require_uppercase", True)
        .set("require_numbers", True)
        .set("require_symbols", True)
    )
    pool.add(Block("user_pool_add_ons").set("advanced_security_mode", "ENFORCED"))
    pool.set("deletion_protection", "ACTIVE").set("tags", t.tags())
    return Built(
        [pool],
        Reach(
            url=Expr(f"aws_cognito_user_pool.{t.ident}.endpoint"),
            arns=[Expr(f"aws_cognito_user_pool.{t.ident}.arn")],
        ),
    )


def _secrets(t: Target) -> Built:
    secret = (
        Block("resource", ("aws_secretsmanager_secret", t.ident))
        .set("name_prefix", Expr(f'"${{var.project}}-{t.dns}-"'))
        .set("kms_key_id", KMS)
        .set("tags", t.tags())
    )
    return Built([secret], Reach(secret_arn=Expr(f"aws_secretsmanager_secret.{t.ident}.arn")))


def _access_logs(t: Target, kind: str) -> Block:
    return (
        Block("resource", ("aws_cloudwatch_log_group", f"{t.ident}_{kind}"))
        .set("name", Expr(f'"/{kind}/${{var.project}}-{t.dns}"'))
        .set("retention_in_days", 365)
        .set("kms_key_id", KMS)
    )


def _http_api(t: Target) -> Built:
    """An HTTP API whose default route reaches the load balancer's listener privately
    (VPC link); the listener's rules route to the services the design puts behind it."""
    api = Block("resource", ("aws_apigatewayv2_api", t.ident)).set("name", t.name(128))
    api.set("protocol_type", "HTTP").set("tags", t.tags())
    logs = _access_logs(t, "apigateway")
    stage = Block("resource", ("aws_apigatewayv2_stage", t.ident))
    stage.set("api_id", Expr(f"aws_apigatewayv2_api.{t.ident}.id")).set("name", "$default")
    stage.set("auto_deploy", True).add(
        Block("access_log_settings")
        .set("destination_arn", Expr(f"aws_cloudwatch_log_group.{t.ident}_apigateway.arn"))
        .set(
            "format",
            Expr(
                'jsonencode({ requestId = "$context.requestId", '
                'status = "$context.status", path = "$context.path" })'
            ),
        )
    )
    blocks: list[Block | Comment] = [api, logs, stage]
    if t.fronts_alb:
        link = Block("resource", ("aws_apigatewayv2_vpc_link", t.ident)).set("name", t.name(128))
        link.set("subnet_ids", PRIVATE_SUBNETS)
        link.set("security_group_ids", [Expr("aws_security_group.alb.id")])
        integration = Block("resource", ("aws_apigatewayv2_integration", t.ident))
        integration.set("api_id", Expr(f"aws_apigatewayv2_api.{t.ident}.id"))
        integration.set("integration_type", "HTTP_PROXY").set("integration_method", "ANY")
        integration.set("connection_type", "VPC_LINK")
        integration.set("connection_id", Expr(f"aws_apigatewayv2_vpc_link.{t.ident}.id"))
        integration.set("integration_uri", Expr("aws_lb_listener.https.arn"))
        route = Block("resource", ("aws_apigatewayv2_route", t.ident))
        route.set("api_id", Expr(f"aws_apigatewayv2_api.{t.ident}.id"))
        route.set("route_key", "$default")
        route.set("target", Expr(f'"integrations/${{aws_apigatewayv2_integration.{t.ident}.id}}"'))
        blocks += [link, integration, route]
    return Built(blocks, Reach(url=Expr(f"aws_apigatewayv2_api.{t.ident}.api_endpoint")))


def _managed_rule(name: str, priority: int) -> Block:
    metric = name.replace("AWSManagedRules", "")
    return (
        Block("rule")
        .set("name", name)
        .set("priority", priority)
        .add(Block("override_action").add(Block("none")))
        .add(
            Block("statement").add(
                Block("managed_rule_group_statement").set("name", name).set("vendor_name", "AWS")
            )
        )
        .add(
            Block("visibility_config")
            .set("cloudwatch_metrics_enabled", True)
            .set("metric_name", metric)
            .set("sampled_requests_enabled", True)
        )
    )


def _wafv2(t: Target) -> Built:
    """A regional web ACL with AWS managed rule groups, attached to the load balancer
    it stands in front of, with its requests logged."""
    acl = Block("resource", ("aws_wafv2_web_acl", t.ident)).set("name", t.name(128))
    acl.set("scope", "REGIONAL").add(Block("default_action").add(Block("allow")))
    acl.add(_managed_rule("AWSManagedRulesCommonRuleSet", 1))
    acl.add(_managed_rule("AWSManagedRulesKnownBadInputsRuleSet", 2))  # Log4j included
    acl.add(_managed_rule("AWSManagedRulesAnonymousIpList", 3))
    acl.add(
        Block("visibility_config")
        .set("cloudwatch_metrics_enabled", True)
        .set("metric_name", t.dns.replace("-", "")[:128] or "waf")
        .set("sampled_requests_enabled", True)
    )
    acl.set("tags", t.tags())
    logs = (
        Block("resource", ("aws_cloudwatch_log_group", f"{t.ident}_waf"))
        .set("name", Expr(f'"aws-waf-logs-${{var.project}}-{t.dns}"'))
        .set("retention_in_days", 365)
        .set("kms_key_id", KMS)
    )
    logging = Block("resource", ("aws_wafv2_web_acl_logging_configuration", t.ident))
    logging.set("resource_arn", Expr(f"aws_wafv2_web_acl.{t.ident}.arn"))
    logging.set("log_destination_configs", [Expr(f"aws_cloudwatch_log_group.{t.ident}_waf.arn")])
    blocks: list[Block | Comment] = [acl, logs, logging]
    if t.fronts_alb:
        assoc = Block("resource", ("aws_wafv2_web_acl_association", t.ident))
        assoc.set("resource_arn", Expr("aws_lb.main.arn"))
        assoc.set("web_acl_arn", Expr(f"aws_wafv2_web_acl.{t.ident}.arn"))
        blocks.append(assoc)
    return Built(blocks)


def _ses(t: Target) -> Built:
    """The SES identity the calling services send from (the domain comes from a
    variable; verifying it is a DNS step outside this module)."""
    identity = Block("resource", ("aws_sesv2_email_identity", t.ident))
    identity.set("email_identity", Expr("var.email_domain")).set("tags", t.tags())
    return Built(
        [identity],
        Reach(
            url=Expr(f"aws_sesv2_email_identity.{t.ident}.email_identity"),
            arns=[Expr(f"aws_sesv2_email_identity.{t.ident}.arn")],
        ),
    )


def _log_group(t: Target) -> Built:
    """The log group the calling services write their telemetry to, encrypted and kept
    a year (tagged, so an import reads it as the designed monitoring component)."""
    group = Block("resource", ("aws_cloudwatch_log_group", t.ident))
    group.set("name", Expr(f'"/app/${{var.project}}-{t.dns}"')).set("retention_in_days", 365)
    group.set("kms_key_id", KMS).set("tags", t.tags())
    arn = Expr(f"aws_cloudwatch_log_group.{t.ident}.arn")
    return Built(
        [group],
        Reach(
            url=Expr(f"aws_cloudwatch_log_group.{t.ident}.name"),
            arns=[arn, Expr(f'"${{aws_cloudwatch_log_group.{t.ident}.arn}}:*"')],
        ),
    )


BUILDERS: dict[str, Callable[[Target], Built]] = {
    "rds_postgres": _rds,
    "rds_mysql": _rds,
    "elasticache_redis": _redis,
    "msk": _msk,
    "kinesis": _kinesis,
    "iot_topic_rule": _iot_rule,
    "apigateway_http": _http_api,
    "wafv2": _wafv2,
    "sqs": _sqs,
    "sns": _sns,
    "s3": _s3,
    "dynamodb": _dynamodb,
    "opensearch": _opensearch,
    "cognito": _cognito,
    "secrets_manager": _secrets,
    "ses": _ses,
    "cloudwatch_logs": _log_group,
}


def written_replicas(t: Target) -> int:
    """The node count the resource of `t` is written with, as Terraform reads it back:
    RDS is one instance or a Multi-AZ pair, ElastiCache and OpenSearch take at least two
    nodes for a Multi-AZ SLO, and the serverless services have no count at all (1)."""
    key = t.role.aws
    if key in ("rds_postgres", "rds_mysql") and "aurora" not in (t.comp.technology or ""):
        return 2 if t.multi_az else 1
    if key in ("elasticache_redis", "opensearch"):
        return max(t.comp.replicas, 2 if t.multi_az else 1)
    if key in ("rds_postgres", "rds_mysql"):
        return aurora_instances(t)
    if key == "msk":
        return msk_brokers(t)
    return 1


def aurora_instances(t: Target) -> int:
    """Aurora counts its writer, standbys and readers alike as cluster instances."""
    return max(t.comp.replicas + t.comp.read_replicas, 2 if t.multi_az else 1)


def msk_brokers(t: Target) -> int:
    """MSK needs a whole number of brokers per zone (zones as `var.az_count` defaults)."""
    zones = min(max([len(c.zones) for c in t.arch.components] + [2]), 3)
    wanted = max(t.comp.replicas, 3 if t.multi_az else 2)
    return -(-wanted // zones) * zones
