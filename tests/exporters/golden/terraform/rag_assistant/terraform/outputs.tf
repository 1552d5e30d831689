output "vpc_id" {
  description = "Id of the VPC."
  value       = module.network.vpc_id
}

output "load_balancer_dns" {
  description = "DNS name of the load balancer."
  value       = aws_lb.main.dns_name
}

output "docs_endpoint" {
  description = "How services reach Document store."
  value       = "s3://${aws_s3_bucket.docs.bucket}"
}

output "evals_endpoint" {
  description = "How services reach Evaluation and drift monitoring."
  value       = aws_cloudwatch_log_group.evals.name
}

output "semantic_cache_endpoint" {
  description = "How services reach Semantic cache."
  value       = "rediss://${aws_elasticache_replication_group.semantic_cache.primary_endpoint_address}:6379"
}

output "sso_endpoint" {
  description = "How services reach Company SSO."
  value       = aws_cognito_user_pool.sso.endpoint
}

output "vectors_endpoint" {
  description = "How services reach Vector store."
  value       = "postgresql://${aws_db_instance.vectors.address}:5432"
}
