# Redis cache (cache) -> elasticache_redis

resource "aws_elasticache_subnet_group" "cache" {
  name       = trim(substr("${var.project}-cache", 0, 63), "-")
  subnet_ids = module.network.private_subnet_ids
}

resource "random_password" "cache_auth" {
  length  = 32
  special = false
}

resource "aws_secretsmanager_secret" "cache_auth" {
  # checkov:skip=CKV2_AWS_57: rotation needs a rotation Lambda for the engine; add it once the services re-read secrets
  name_prefix = "${var.project}-cache-auth-"
  kms_key_id  = aws_kms_key.main.arn
  tags = {
    PartOf = "cache"
  }
}

resource "aws_secretsmanager_secret_version" "cache_auth" {
  secret_id     = aws_secretsmanager_secret.cache_auth.id
  secret_string = random_password.cache_auth.result
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = trim(substr("${var.project}-cache", 0, 40), "-")
  description                = "cache (archwright)"
  engine                     = "redis"
  node_type                  = "cache.r6g.large"
  num_cache_clusters         = 2
  port                       = 6379
  automatic_failover_enabled = true
  multi_az_enabled           = true
  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.main.arn
  transit_encryption_enabled = true
  auth_token                 = random_password.cache_auth.result
  subnet_group_name          = aws_elasticache_subnet_group.cache.name
  security_group_ids         = [aws_security_group.cache.id]
  snapshot_retention_limit   = 7
  auto_minor_version_upgrade = true
  tags = {
    Component = "cache"
    Kind      = "cache"
  }
}

# Orders database (sql_db) -> rds_postgres

resource "aws_db_subnet_group" "db" {
  name       = trim(substr("${var.project}-db", 0, 63), "-")
  subnet_ids = module.network.private_subnet_ids
}

resource "aws_db_instance" "db" {
  # checkov:skip=CKV2_AWS_30: logging every statement would copy personal data into logs; set log_min_duration_statement per workload
  identifier                          = trim(substr("${var.project}-db", 0, 63), "-")
  engine                              = "postgres"
  engine_version                      = "16"
  instance_class                      = "db.m6g.large"
  allocated_storage                   = 200
  max_allocated_storage               = 800
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.main.arn
  db_subnet_group_name                = aws_db_subnet_group.db.name
  vpc_security_group_ids              = [aws_security_group.db.id]
  manage_master_user_password         = true
  master_username                     = "app"
  iam_database_authentication_enabled = true
  backup_retention_period             = 14
  deletion_protection                 = true
  copy_tags_to_snapshot               = true
  tags = {
    Component = "db"
    Kind      = "sql_db"
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
  final_snapshot_identifier       = "${var.project}-db-final"
}

resource "aws_db_instance" "db_replica_0" {
  # checkov:skip=CKV2_AWS_30: logging every statement would copy personal data into logs; set log_min_duration_statement per workload
  identifier                          = "${var.project}-db-ro0"
  replicate_source_db                 = aws_db_instance.db.identifier
  instance_class                      = "db.m6g.large"
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.main.arn
  vpc_security_group_ids              = [aws_security_group.db.id]
  publicly_accessible                 = false
  auto_minor_version_upgrade          = true
  performance_insights_enabled        = true
  performance_insights_kms_key_id     = aws_kms_key.main.arn
  monitoring_interval                 = 60
  monitoring_role_arn                 = aws_iam_role.rds_monitoring.arn
  iam_database_authentication_enabled = true
  multi_az                            = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
  copy_tags_to_snapshot               = true
  skip_final_snapshot                 = true
  deletion_protection                 = true
  tags = {
    Component = "db"
    Kind      = "sql_db"
  }
}
