"""The fixed vocabularies of the model.

Enums rather than strings so that a typo in a file is caught at load time with the list
of valid values, and so that every analysis can match on kinds exhaustively.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What a component is. Fixed vocabulary (SPEC §1); the catalog refines it."""

    CLIENT = "client"
    DNS = "dns"
    CDN = "cdn"
    WAF = "waf"
    LOAD_BALANCER = "load_balancer"
    API_GATEWAY = "api_gateway"
    WEB_FRONTEND = "web_frontend"
    SERVICE = "service"
    WORKER = "worker"
    FUNCTION = "function"
    SCHEDULER = "scheduler"
    REALTIME_GATEWAY = "realtime_gateway"
    CACHE = "cache"
    SQL_DB = "sql_db"
    NOSQL_DB = "nosql_db"
    GRAPH_DB = "graph_db"
    TIMESERIES_DB = "timeseries_db"
    OBJECT_STORE = "object_store"
    QUEUE = "queue"
    STREAM = "stream"
    SEARCH_INDEX = "search_index"
    VECTOR_DB = "vector_db"
    WAREHOUSE = "warehouse"
    DATA_LAKE = "data_lake"
    STREAM_PROCESSOR = "stream_processor"
    BATCH_PROCESSOR = "batch_processor"
    ML_MODEL = "ml_model"
    LLM = "llm"
    FEATURE_STORE = "feature_store"
    IDENTITY = "identity"
    SECRETS = "secrets"
    NOTIFICATION = "notification"
    PAYMENT = "payment"
    EXTERNAL_API = "external_api"
    MONITORING = "monitoring"
    LOGGING = "logging"
    TRACING = "tracing"


class KindGroup(StrEnum):
    """Coarse family of a kind, for rules that care about 'any datastore' and the like."""

    CLIENT = "client"
    EDGE = "edge"
    COMPUTE = "compute"
    DATASTORE = "datastore"
    MESSAGING = "messaging"
    DATA_PROCESSING = "data_processing"
    AI = "ai"
    PLATFORM = "platform"
    EXTERNAL = "external"
    OBSERVABILITY = "observability"


KIND_GROUP: dict[Kind, KindGroup] = {
    Kind.CLIENT: KindGroup.CLIENT,
    Kind.DNS: KindGroup.EDGE,
    Kind.CDN: KindGroup.EDGE,
    Kind.WAF: KindGroup.EDGE,
    Kind.LOAD_BALANCER: KindGroup.EDGE,
    Kind.API_GATEWAY: KindGroup.EDGE,
    Kind.WEB_FRONTEND: KindGroup.COMPUTE,
    Kind.SERVICE: KindGroup.COMPUTE,
    Kind.WORKER: KindGroup.COMPUTE,
    Kind.FUNCTION: KindGroup.COMPUTE,
    Kind.SCHEDULER: KindGroup.COMPUTE,
    Kind.REALTIME_GATEWAY: KindGroup.COMPUTE,
    Kind.CACHE: KindGroup.DATASTORE,
    Kind.SQL_DB: KindGroup.DATASTORE,
    Kind.NOSQL_DB: KindGroup.DATASTORE,
    Kind.GRAPH_DB: KindGroup.DATASTORE,
    Kind.TIMESERIES_DB: KindGroup.DATASTORE,
    Kind.OBJECT_STORE: KindGroup.DATASTORE,
    Kind.SEARCH_INDEX: KindGroup.DATASTORE,
    Kind.VECTOR_DB: KindGroup.DATASTORE,
    Kind.WAREHOUSE: KindGroup.DATASTORE,
    Kind.DATA_LAKE: KindGroup.DATASTORE,
    Kind.FEATURE_STORE: KindGroup.DATASTORE,
    Kind.QUEUE: KindGroup.MESSAGING,
    Kind.STREAM: KindGroup.MESSAGING,
    Kind.STREAM_PROCESSOR: KindGroup.DATA_PROCESSING,
    Kind.BATCH_PROCESSOR: KindGroup.DATA_PROCESSING,
    Kind.ML_MODEL: KindGroup.AI,
    Kind.LLM: KindGroup.AI,
    Kind.IDENTITY: KindGroup.PLATFORM,
    Kind.SECRETS: KindGroup.PLATFORM,
    Kind.NOTIFICATION: KindGroup.EXTERNAL,
    Kind.PAYMENT: KindGroup.EXTERNAL,
    Kind.EXTERNAL_API: KindGroup.EXTERNAL,
    Kind.MONITORING: KindGroup.OBSERVABILITY,
    Kind.LOGGING: KindGroup.OBSERVABILITY,
    Kind.TRACING: KindGroup.OBSERVABILITY,
}

# Datastores that keep durable state (a cache is a datastore but not a system of record).
STATEFUL_KINDS: frozenset[Kind] = frozenset(
    k for k, g in KIND_GROUP.items() if g is KindGroup.DATASTORE and k is not Kind.CACHE
) | {Kind.QUEUE, Kind.STREAM}


class Protocol(StrEnum):
    HTTPS = "https"
    HTTP = "http"
    GRPC = "grpc"
    WEBSOCKET = "websocket"
    GRAPHQL = "graphql"
    SQL = "sql"
    REDIS = "redis"
    MEMCACHED = "memcached"
    MONGODB = "mongodb"
    CQL = "cql"
    AMQP = "amqp"
    KAFKA = "kafka"
    MQTT = "mqtt"
    NATS = "nats"
    SQS = "sqs"
    SNS = "sns"
    PUBSUB = "pubsub"
    S3 = "s3"
    SMTP = "smtp"
    DNS = "dns"
    TCP = "tcp"
    UDP = "udp"


# Protocols whose calls are fire-and-forget by nature: the default mode is async.
ASYNC_PROTOCOLS: frozenset[Protocol] = frozenset(
    {
        Protocol.AMQP,
        Protocol.KAFKA,
        Protocol.MQTT,
        Protocol.NATS,
        Protocol.SQS,
        Protocol.SNS,
        Protocol.PUBSUB,
        Protocol.SMTP,
    }
)
# Protocols that carry TLS by definition, so `tls` defaults to true.
TLS_PROTOCOLS: frozenset[Protocol] = frozenset({Protocol.HTTPS})


class Mode(StrEnum):
    SYNC = "sync"
    ASYNC = "async"


class Auth(StrEnum):
    NONE = "none"
    API_KEY = "api_key"
    BASIC = "basic"
    JWT = "jwt"
    OAUTH2 = "oauth2"
    MTLS = "mtls"
    IAM = "iam"
    PASSWORD = "password"


class Backoff(StrEnum):
    NONE = "none"
    FIXED = "fixed"
    EXPONENTIAL = "exponential"


class DataClass(StrEnum):
    """Data classification, from least to most sensitive."""

    PUBLIC = "public"
    INTERNAL = "internal"
    PII = "pii"
    PHI = "phi"
    PCI = "pci"


# Classes that make data personal (GDPR) or regulated.
PERSONAL_DATA: frozenset[DataClass] = frozenset({DataClass.PII, DataClass.PHI, DataClass.PCI})


class Severity(StrEnum):
    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """Order for comparisons such as `--fail-on high`."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {s: i for i, s in enumerate(Severity)}


class BoundaryType(StrEnum):
    TRUST_ZONE = "trust_zone"
    NETWORK = "network"
    REGION = "region"
    AVAILABILITY_ZONE = "availability_zone"
    ACCOUNT = "account"


class Compliance(StrEnum):
    GDPR = "GDPR"
    HIPAA = "HIPAA"
    PCI_DSS = "PCI-DSS"
    SOC2 = "SOC2"


class Cloud(StrEnum):
    AWS = "aws"
    GCP = "gcp"
    AZURE = "azure"
    ON_PREM = "on_prem"


class DecisionStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DEPRECATED = "deprecated"
    SUPERSEDED = "superseded"


class Ordering(StrEnum):
    NONE = "none"
    PER_KEY = "per-key"
    GLOBAL = "global"


class Filtering(StrEnum):
    """What a vector search's metadata filters select: `metadata` filters that keep a
    large share of the items (a language, a date range), or `selective` ones that keep a
    small share (a tenant, a narrow category and price band), where a filter applied
    after the approximate search leaves few of its candidates standing."""

    METADATA = "metadata"
    SELECTIVE = "selective"


class Delivery(StrEnum):
    AT_MOST_ONCE = "at-most-once"
    AT_LEAST_ONCE = "at-least-once"
    EXACTLY_ONCE = "exactly-once"


class LatencyTo(StrEnum):
    """Where a journey's latency ends: the whole response, or the first token of a
    model's answer when the UI streams it (the user reads as it arrives)."""

    RESPONSE = "response"
    FIRST_TOKEN = "first_token"
