# Document store (object_store) -> s3

resource "aws_s3_bucket" "docs" {
  # checkov:skip=CKV2_AWS_62: no consumer of bucket events in the model
  # checkov:skip=CKV_AWS_144: cross-region replication needs a second region, which the model does not name
  # checkov:skip=CKV_AWS_18: access logs need a separate log bucket; add it with the organisation's logging account
  bucket_prefix = "${substr(var.project, 0, 20)}-docs-"
  tags = {
    Component = "docs"
    Kind      = "object_store"
  }
}

resource "aws_s3_bucket_versioning" "docs" {
  bucket = aws_s3_bucket.docs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "docs" {
  bucket = aws_s3_bucket.docs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "docs" {
  bucket                  = aws_s3_bucket.docs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_lifecycle_configuration" "docs" {
  bucket = aws_s3_bucket.docs.id
  rule {
    id     = "expire-old-versions"
    status = "Enabled"
    filter {
    }
    noncurrent_version_expiration {
      noncurrent_days = 90
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

# Evaluation and drift monitoring (monitoring) -> cloudwatch_logs

resource "aws_cloudwatch_log_group" "evals" {
  name              = "/app/${var.project}-evals"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.main.arn
  tags = {
    Component = "evals"
    Kind      = "monitoring"
  }
}

# Semantic cache (cache) -> elasticache_redis

resource "aws_elasticache_subnet_group" "semantic_cache" {
  name       = trim(substr("${var.project}-semantic-cache", 0, 63), "-")
  subnet_ids = module.network.private_subnet_ids
}

resource "random_password" "semantic_cache_auth" {
  length  = 32
  special = false
}

resource "aws_secretsmanager_secret" "semantic_cache_auth" {
  # checkov:skip=CKV2_AWS_57: rotation needs a rotation Lambda for the engine; add it once the services re-read secrets
  name_prefix = "${var.project}-semantic-cache-auth-"
  kms_key_id  = aws_kms_key.main.arn
  tags = {
    PartOf = "semantic-cache"
  }
}

resource "aws_secretsmanager_secret_version" "semantic_cache_auth" {
  secret_id     = aws_secretsmanager_secret.semantic_cache_auth.id
  secret_string = random_password.semantic_cache_auth.result
}

resource "aws_elasticache_replication_group" "semantic_cache" {
  replication_group_id       = trim(substr("${var.project}-semantic-cache", 0, 40), "-")
  description                = "semantic-cache (archwright)"
  engine                     = "redis"
  node_type                  = "cache.r6g.large"
  num_cache_clusters         = 2
  port                       = 6379
  automatic_failover_enabled = true
  multi_az_enabled           = true
  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.main.arn
  transit_encryption_enabled = true
  auth_token                 = random_password.semantic_cache_auth.result
  subnet_group_name          = aws_elasticache_subnet_group.semantic_cache.name
  security_group_ids         = [aws_security_group.semantic_cache.id]
  snapshot_retention_limit   = 7
  auto_minor_version_upgrade = true
  tags = {
    Component = "semantic-cache"
    Kind      = "cache"
  }
}

# Company SSO (identity) -> cognito

resource "aws_cognito_user_pool" "sso" {
  name              = trim(substr("${var.project}-sso", 0, 128), "-")
  mfa_configuration = "OPTIONAL"
  software_token_mfa_configuration {
    enabled = true
  }
  password_policy {
    minimum_length    = 12
    require_lowercase = true
    require_uppercase = true
    require_numbers   = true
    require_symbols   = true
  }
  user_pool_add_ons {
    advanced_security_mode = "ENFORCED"
  }
  deletion_protection = "ACTIVE"
  tags = {
    Component = "sso"
    Kind      = "identity"
  }
}

# Vector store (vector_db) -> rds_postgres

resource "aws_db_subnet_group" "vectors" {
  name       = trim(substr("${var.project}-vectors", 0, 63), "-")
  subnet_ids = module.network.private_subnet_ids
}

resource "aws_db_instance" "vectors" {
  # checkov:skip=CKV2_AWS_30: logging every statement would copy personal data into logs; set log_min_duration_statement per workload
  identifier                          = trim(substr("${var.project}-vectors", 0, 63), "-")
  engine                              = "postgres"
  engine_version                      = "16"
  instance_class                      = "db.m6g.large"
  allocated_storage                   = 20
  max_allocated_storage               = 80
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.main.arn
  db_subnet_group_name                = aws_db_subnet_group.vectors.name
  vpc_security_group_ids              = [aws_security_group.vectors.id]
  manage_master_user_password         = true
  master_username                     = "app"
  iam_database_authentication_enabled = true
  backup_retention_period             = 7
  deletion_protection                 = true
  copy_tags_to_snapshot               = true
  tags = {
    Component = "vectors"
    Kind      = "vector_db"
  }
  multi_az                        = true
  publicly_accessible             = false
  auto_minor_version_upgrade      = true
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.main.arn
  monitoring_interval             = 60
  monitoring_role_arn             = aws_iam_role.rds_monitoring.arn
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
  skip_final_snapshot             = false
  final_snapshot_identifier       = "${var.project}-vectors-final"
}
