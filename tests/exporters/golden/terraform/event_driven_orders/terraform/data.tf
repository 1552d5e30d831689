# Dead-letter queue (queue) -> sqs

resource "aws_sqs_queue" "dlq" {
  name                      = trim(substr("${var.project}-dlq", 0, 80), "-")
  kms_master_key_id         = aws_kms_key.main.id
  message_retention_seconds = 345600
  tags = {
    Component = "dlq"
    Kind      = "queue"
  }
}

# Email provider (notification) -> ses

resource "aws_sesv2_email_identity" "email" {
  email_identity = var.email_domain
  tags = {
    Component = "email"
    Kind      = "notification"
  }
}

# Order events (stream) -> msk

resource "aws_cloudwatch_log_group" "events_broker" {
  name              = "/msk/${var.project}-events"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.main.arn
}

resource "aws_msk_cluster" "events" {
  cluster_name           = trim(substr("${var.project}-events", 0, 63), "-")
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = module.network.private_subnet_ids
    security_groups = [aws_security_group.events.id]
    connectivity_info {
      public_access {
        type = "DISABLED"
      }
    }
  }
  encryption_info {
    encryption_at_rest_kms_key_arn = aws_kms_key.main.arn
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }
  client_authentication {
    sasl {
      iam = true
    }
  }
  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.events_broker.name
      }
    }
  }
  tags = {
    Component = "events"
    Kind      = "stream"
  }
}

# API gateway (api_gateway) -> apigateway_http

resource "aws_apigatewayv2_api" "gateway" {
  name          = trim(substr("${var.project}-gateway", 0, 128), "-")
  protocol_type = "HTTP"
  tags = {
    Component = "gateway"
    Kind      = "api_gateway"
  }
}

resource "aws_cloudwatch_log_group" "gateway_apigateway" {
  name              = "/apigateway/${var.project}-gateway"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.main.arn
}

resource "aws_apigatewayv2_stage" "gateway" {
  api_id      = aws_apigatewayv2_api.gateway.id
  name        = "$default"
  auto_deploy = true
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.gateway_apigateway.arn
    format          = jsonencode({ requestId = "$context.requestId", status = "$context.status", path = "$context.path" })
  }
}

resource "aws_apigatewayv2_vpc_link" "gateway" {
  name               = trim(substr("${var.project}-gateway", 0, 128), "-")
  subnet_ids         = module.network.private_subnet_ids
  security_group_ids = [aws_security_group.alb.id]
}

resource "aws_apigatewayv2_integration" "gateway" {
  api_id             = aws_apigatewayv2_api.gateway.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  connection_type    = "VPC_LINK"
  connection_id      = aws_apigatewayv2_vpc_link.gateway.id
  integration_uri    = aws_lb_listener.https.arn
}

resource "aws_apigatewayv2_route" "gateway" {
  # checkov:skip=CKV_AWS_309: the services verify the design's JWTs themselves; attach a JWT authorizer once the issuer is known
  api_id    = aws_apigatewayv2_api.gateway.id
  route_key = "$default"
  target    = "integrations/${aws_apigatewayv2_integration.gateway.id}"
}

# Inventory store (nosql_db) -> dynamodb

resource "aws_dynamodb_table" "inventory_db" {
  name         = trim(substr("${var.project}-inventory-db", 0, 255), "-")
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.main.arn
  }
  deletion_protection_enabled = true
  tags = {
    Component = "inventory-db"
    Kind      = "nosql_db"
  }
}

# Orders database (sql_db) -> rds_postgres

resource "aws_db_subnet_group" "orders_db" {
  name       = trim(substr("${var.project}-orders-db", 0, 63), "-")
  subnet_ids = module.network.private_subnet_ids
}

resource "aws_rds_cluster" "orders_db" {
  # checkov:skip=CKV2_AWS_27: logging every statement would copy personal data into logs; set log_min_duration_statement per workload
  # checkov:skip=CKV2_AWS_8: automated backups with the model's retention are on; add an AWS Backup plan for cross-account copies
  cluster_identifier                  = trim(substr("${var.project}-orders-db", 0, 63), "-")
  engine                              = "aurora-postgresql"
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.main.arn
  db_subnet_group_name                = aws_db_subnet_group.orders_db.name
  vpc_security_group_ids              = [aws_security_group.orders_db.id]
  manage_master_user_password         = true
  master_username                     = "app"
  iam_database_authentication_enabled = true
  backup_retention_period             = 35
  deletion_protection                 = true
  copy_tags_to_snapshot               = true
  tags = {
    Component = "orders-db"
    Kind      = "sql_db"
  }
  enabled_cloudwatch_logs_exports = ["postgresql"]
  skip_final_snapshot             = false
  final_snapshot_identifier       = "${var.project}-orders-db-final"
}

resource "aws_rds_cluster_instance" "orders_db" {
  count                           = 3
  identifier                      = "${var.project}-orders-db-${count.index}"
  cluster_identifier              = aws_rds_cluster.orders_db.id
  instance_class                  = "db.r6g.large"
  engine                          = aws_rds_cluster.orders_db.engine
  auto_minor_version_upgrade      = true
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.main.arn
  monitoring_interval             = 60
  monitoring_role_arn             = aws_iam_role.rds_monitoring.arn
}
