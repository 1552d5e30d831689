# Shop API (service)

module "api" {
  source        = "./modules/ecs-service"
  name          = "api"
  cluster_arn   = aws_ecs_cluster.main.arn
  image         = var.images["api"]
  port          = 8080
  health_path   = "/healthz"
  desired_count = 3
  environment = {
    PORT         = "8080"
    SERVICE_NAME = "api"
    CACHE_URL    = "rediss://${aws_elasticache_replication_group.cache.primary_endpoint_address}:6379"
    DB_URL       = "postgresql://${aws_db_instance.db.address}:5432"
  }
  secrets = {
    CACHE_PASSWORD = aws_secretsmanager_secret.cache_auth.arn
    DB_PASSWORD    = "${aws_db_instance.db.master_user_secret[0].secret_arn}:password::"
  }
  secret_arns = [
    aws_secretsmanager_secret.cache_auth.arn,
    aws_db_instance.db.master_user_secret[0].secret_arn,
  ]
  subnet_ids        = module.network.private_subnet_ids
  security_group_id = aws_security_group.api.id
  namespace_id      = aws_service_discovery_private_dns_namespace.main.id
  kms_key_arn       = aws_kms_key.main.arn
  tags = {
    Component = "api"
    Kind      = "service"
  }
}

# Web app (web_frontend)

module "web" {
  source        = "./modules/ecs-service"
  name          = "web"
  cluster_arn   = aws_ecs_cluster.main.arn
  image         = var.images["web"]
  port          = 8080
  health_path   = "/healthz"
  desired_count = 3
  environment = {
    PORT         = "8080"
    SERVICE_NAME = "web"
    API_URL      = "http://api.${var.project}.internal:8080"
  }
  secrets           = {}
  secret_arns       = []
  subnet_ids        = module.network.private_subnet_ids
  security_group_id = aws_security_group.web.id
  namespace_id      = aws_service_discovery_private_dns_namespace.main.id
  kms_key_arn       = aws_kms_key.main.arn
  tags = {
    Component = "web"
    Kind      = "web_frontend"
  }
  target_group_arn = aws_lb_target_group.web.arn
}
