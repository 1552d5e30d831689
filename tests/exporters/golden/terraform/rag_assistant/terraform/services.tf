# Assistant API (service)

module "assistant" {
  source        = "./modules/ecs-service"
  name          = "assistant"
  cluster_arn   = aws_ecs_cluster.main.arn
  image         = var.images["assistant"]
  port          = 8080
  health_path   = "/health"
  desired_count = 4
  environment = {
    PORT               = "8080"
    SERVICE_NAME       = "assistant"
    EVALS_URL          = aws_cloudwatch_log_group.evals.name
    SEMANTIC_CACHE_URL = "rediss://${aws_elasticache_replication_group.semantic_cache.primary_endpoint_address}:6379"
    VECTORS_URL        = "postgresql://${aws_db_instance.vectors.address}:5432"
  }
  secrets = {
    SEMANTIC_CACHE_PASSWORD = aws_secretsmanager_secret.semantic_cache_auth.arn
    VECTORS_PASSWORD        = "${aws_db_instance.vectors.master_user_secret[0].secret_arn}:password::"
  }
  secret_arns = [
    aws_secretsmanager_secret.semantic_cache_auth.arn,
    aws_db_instance.vectors.master_user_secret[0].secret_arn,
  ]
  subnet_ids        = module.network.private_subnet_ids
  security_group_id = aws_security_group.assistant.id
  namespace_id      = aws_service_discovery_private_dns_namespace.main.id
  kms_key_arn       = aws_kms_key.main.arn
  tags = {
    Component = "assistant"
    Kind      = "service"
  }
}

data "aws_iam_policy_document" "assistant_task" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [aws_cloudwatch_log_group.evals.arn, "${aws_cloudwatch_log_group.evals.arn}:*"]
  }
}

resource "aws_iam_role_policy" "assistant_task" {
  role   = module.assistant.task_role_name
  policy = data.aws_iam_policy_document.assistant_task.json
}

# Chat UI (web_frontend)

module "chat_ui" {
  source        = "./modules/ecs-service"
  name          = "chat-ui"
  cluster_arn   = aws_ecs_cluster.main.arn
  image         = var.images["chat-ui"]
  port          = 8080
  health_path   = "/health"
  desired_count = 2
  environment = {
    PORT          = "8080"
    SERVICE_NAME  = "chat-ui"
    ASSISTANT_URL = "http://assistant.${var.project}.internal:8080"
    SSO_URL       = aws_cognito_user_pool.sso.endpoint
  }
  secrets           = {}
  secret_arns       = []
  subnet_ids        = module.network.private_subnet_ids
  security_group_id = aws_security_group.chat_ui.id
  namespace_id      = aws_service_discovery_private_dns_namespace.main.id
  kms_key_arn       = aws_kms_key.main.arn
  tags = {
    Component = "chat-ui"
    Kind      = "web_frontend"
  }
  target_group_arn = aws_lb_target_group.chat_ui.arn
}

data "aws_iam_policy_document" "chat_ui_task" {
  statement {
    actions   = ["cognito-idp:GetUser", "cognito-idp:AdminGetUser"]
    resources = [aws_cognito_user_pool.sso.arn]
  }
}

resource "aws_iam_role_policy" "chat_ui_task" {
  role   = module.chat_ui.task_role_name
  policy = data.aws_iam_policy_document.chat_ui_task.json
}

# Ingestion worker (worker)

module "ingest" {
  source        = "./modules/ecs-service"
  name          = "ingest"
  cluster_arn   = aws_ecs_cluster.main.arn
  image         = var.images["ingest"]
  port          = 8080
  health_path   = "/health"
  desired_count = 1
  environment = {
    PORT         = "8080"
    SERVICE_NAME = "ingest"
    DOCS_URL     = "s3://${aws_s3_bucket.docs.bucket}"
    VECTORS_URL  = "postgresql://${aws_db_instance.vectors.address}:5432"
  }
  secrets = {
    VECTORS_PASSWORD = "${aws_db_instance.vectors.master_user_secret[0].secret_arn}:password::"
  }
  secret_arns       = [aws_db_instance.vectors.master_user_secret[0].secret_arn]
  subnet_ids        = module.network.private_subnet_ids
  security_group_id = aws_security_group.ingest.id
  namespace_id      = aws_service_discovery_private_dns_namespace.main.id
  kms_key_arn       = aws_kms_key.main.arn
  tags = {
    Component = "ingest"
    Kind      = "worker"
  }
}

data "aws_iam_policy_document" "ingest_task" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.docs.arn, "${aws_s3_bucket.docs.arn}/*"]
  }
}

resource "aws_iam_role_policy" "ingest_task" {
  role   = module.ingest.task_role_name
  policy = data.aws_iam_policy_document.ingest_task.json
}

# LLM gateway (api_gateway)

module "llm_gateway" {
  source        = "./modules/ecs-service"
  name          = "llm-gateway"
  cluster_arn   = aws_ecs_cluster.main.arn
  image         = var.images["llm-gateway"]
  port          = 8080
  health_path   = "/healthz"
  desired_count = 2
  environment = {
    PORT               = "8080"
    SERVICE_NAME       = "llm-gateway"
    SEMANTIC_CACHE_URL = "rediss://${aws_elasticache_replication_group.semantic_cache.primary_endpoint_address}:6379"
  }
  secrets = {
    SEMANTIC_CACHE_PASSWORD = aws_secretsmanager_secret.semantic_cache_auth.arn
  }
  secret_arns       = [aws_secretsmanager_secret.semantic_cache_auth.arn]
  subnet_ids        = module.network.private_subnet_ids
  security_group_id = aws_security_group.llm_gateway.id
  namespace_id      = aws_service_discovery_private_dns_namespace.main.id
  kms_key_arn       = aws_kms_key.main.arn
  tags = {
    Component = "llm-gateway"
    Kind      = "api_gateway"
  }
}
