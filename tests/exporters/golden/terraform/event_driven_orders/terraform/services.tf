# Inventory worker (worker)

module "inventory" {
  source        = "./modules/ecs-service"
  name          = "inventory"
  cluster_arn   = aws_ecs_cluster.main.arn
  image         = var.images["inventory"]
  port          = 8080
  health_path   = "/health"
  desired_count = 2
  environment = {
    PORT             = "8080"
    SERVICE_NAME     = "inventory"
    EVENTS_URL       = aws_msk_cluster.events.bootstrap_brokers_sasl_iam
    INVENTORY_DB_URL = aws_dynamodb_table.inventory_db.name
  }
  secrets           = {}
  secret_arns       = []
  subnet_ids        = module.network.private_subnet_ids
  security_group_id = aws_security_group.inventory.id
  namespace_id      = aws_service_discovery_private_dns_namespace.main.id
  kms_key_arn       = aws_kms_key.main.arn
  tags = {
    Component = "inventory"
    Kind      = "worker"
  }
}

data "aws_iam_policy_document" "inventory_task" {
  statement {
    actions = [
      "kafka-cluster:Connect",
      "kafka-cluster:DescribeCluster",
      "kafka-cluster:DescribeTopic",
      "kafka-cluster:ReadData",
      "kafka-cluster:WriteData",
      "kafka-cluster:DescribeGroup",
      "kafka-cluster:AlterGroup",
    ]
    resources = [
      aws_msk_cluster.events.arn,
      "${replace(aws_msk_cluster.events.arn, ":cluster/", ":topic/")}/*",
      "${replace(aws_msk_cluster.events.arn, ":cluster/", ":group/")}/*",
    ]
  }
  statement {
    actions = [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:Query",
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
    ]
    resources = [aws_dynamodb_table.inventory_db.arn]
  }
}

resource "aws_iam_role_policy" "inventory_task" {
  role   = module.inventory.task_role_name
  policy = data.aws_iam_policy_document.inventory_task.json
}

# Notification worker (worker)

module "notifier" {
  source        = "./modules/ecs-service"
  name          = "notifier"
  cluster_arn   = aws_ecs_cluster.main.arn
  image         = var.images["notifier"]
  port          = 8080
  health_path   = "/health"
  desired_count = 2
  environment = {
    PORT         = "8080"
    SERVICE_NAME = "notifier"
    EMAIL_URL    = aws_sesv2_email_identity.email.email_identity
    EVENTS_URL   = aws_msk_cluster.events.bootstrap_brokers_sasl_iam
  }
  secrets           = {}
  secret_arns       = []
  subnet_ids        = module.network.private_subnet_ids
  security_group_id = aws_security_group.notifier.id
  namespace_id      = aws_service_discovery_private_dns_namespace.main.id
  kms_key_arn       = aws_kms_key.main.arn
  tags = {
    Component = "notifier"
    Kind      = "worker"
  }
}

data "aws_iam_policy_document" "notifier_task" {
  statement {
    actions   = ["ses:SendEmail", "ses:SendRawEmail"]
    resources = [aws_sesv2_email_identity.email.arn]
  }
  statement {
    actions = [
      "kafka-cluster:Connect",
      "kafka-cluster:DescribeCluster",
      "kafka-cluster:DescribeTopic",
      "kafka-cluster:ReadData",
      "kafka-cluster:WriteData",
      "kafka-cluster:DescribeGroup",
      "kafka-cluster:AlterGroup",
    ]
    resources = [
      aws_msk_cluster.events.arn,
      "${replace(aws_msk_cluster.events.arn, ":cluster/", ":topic/")}/*",
      "${replace(aws_msk_cluster.events.arn, ":cluster/", ":group/")}/*",
    ]
  }
}

resource "aws_iam_role_policy" "notifier_task" {
  role   = module.notifier.task_role_name
  policy = data.aws_iam_policy_document.notifier_task.json
}

# Order service (service)

module "orders" {
  source        = "./modules/ecs-service"
  name          = "orders"
  cluster_arn   = aws_ecs_cluster.main.arn
  image         = var.images["orders"]
  port          = 8080
  health_path   = "/health"
  desired_count = 4
  environment = {
    PORT          = "8080"
    SERVICE_NAME  = "orders"
    EVENTS_URL    = aws_msk_cluster.events.bootstrap_brokers_sasl_iam
    ORDERS_DB_URL = "postgresql://${aws_rds_cluster.orders_db.endpoint}:5432"
  }
  secrets = {
    ORDERS_DB_PASSWORD = "${aws_rds_cluster.orders_db.master_user_secret[0].secret_arn}:password::"
  }
  secret_arns       = [aws_rds_cluster.orders_db.master_user_secret[0].secret_arn]
  subnet_ids        = module.network.private_subnet_ids
  security_group_id = aws_security_group.orders.id
  namespace_id      = aws_service_discovery_private_dns_namespace.main.id
  kms_key_arn       = aws_kms_key.main.arn
  tags = {
    Component = "orders"
    Kind      = "service"
  }
  target_group_arn = aws_lb_target_group.orders.arn
}

data "aws_iam_policy_document" "orders_task" {
  statement {
    actions = [
      "kafka-cluster:Connect",
      "kafka-cluster:DescribeCluster",
      "kafka-cluster:DescribeTopic",
      "kafka-cluster:ReadData",
      "kafka-cluster:WriteData",
      "kafka-cluster:DescribeGroup",
      "kafka-cluster:AlterGroup",
    ]
    resources = [
      aws_msk_cluster.events.arn,
      "${replace(aws_msk_cluster.events.arn, ":cluster/", ":topic/")}/*",
      "${replace(aws_msk_cluster.events.arn, ":cluster/", ":group/")}/*",
    ]
  }
}

resource "aws_iam_role_policy" "orders_task" {
  role   = module.orders.task_role_name
  policy = data.aws_iam_policy_document.orders_task.json
}

# Payment worker (worker)

module "payments" {
  source        = "./modules/ecs-service"
  name          = "payments"
  cluster_arn   = aws_ecs_cluster.main.arn
  image         = var.images["payments"]
  port          = 8080
  health_path   = "/health"
  desired_count = 5
  environment = {
    PORT         = "8080"
    SERVICE_NAME = "payments"
    DLQ_URL      = aws_sqs_queue.dlq.url
    EVENTS_URL   = aws_msk_cluster.events.bootstrap_brokers_sasl_iam
  }
  secrets           = {}
  secret_arns       = []
  subnet_ids        = module.network.private_subnet_ids
  security_group_id = aws_security_group.payments.id
  namespace_id      = aws_service_discovery_private_dns_namespace.main.id
  kms_key_arn       = aws_kms_key.main.arn
  tags = {
    Component = "payments"
    Kind      = "worker"
  }
}

data "aws_iam_policy_document" "payments_task" {
  statement {
    actions = [
      "sqs:SendMessage",
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:ChangeMessageVisibility",
    ]
    resources = [aws_sqs_queue.dlq.arn]
  }
  statement {
    actions = [
      "kafka-cluster:Connect",
      "kafka-cluster:DescribeCluster",
      "kafka-cluster:DescribeTopic",
      "kafka-cluster:ReadData",
      "kafka-cluster:WriteData",
      "kafka-cluster:DescribeGroup",
      "kafka-cluster:AlterGroup",
    ]
    resources = [
      aws_msk_cluster.events.arn,
      "${replace(aws_msk_cluster.events.arn, ":cluster/", ":topic/")}/*",
      "${replace(aws_msk_cluster.events.arn, ":cluster/", ":group/")}/*",
    ]
  }
}

resource "aws_iam_role_policy" "payments_task" {
  role   = module.payments.task_role_name
  policy = data.aws_iam_policy_document.payments_task.json
}
