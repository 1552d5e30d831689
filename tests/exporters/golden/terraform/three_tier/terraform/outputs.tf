output "vpc_id" {
  description = "Id of the VPC."
  value       = module.network.vpc_id
}

output "load_balancer_dns" {
  description = "DNS name of the load balancer."
  value       = aws_lb.main.dns_name
}

output "cache_endpoint" {
  description = "How services reach Redis cache."
  value       = "rediss://${aws_elasticache_replication_group.cache.primary_endpoint_address}:6379"
}

output "db_endpoint" {
  description = "How services reach Orders database."
  value       = "postgresql://${aws_db_instance.db.address}:5432"
}
