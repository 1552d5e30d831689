output "vpc_id" {
  description = "Id of the VPC."
  value       = module.network.vpc_id
}

output "load_balancer_dns" {
  description = "DNS name of the load balancer."
  value       = aws_lb.main.dns_name
}

output "dlq_endpoint" {
  description = "How services reach Dead-letter queue."
  value       = aws_sqs_queue.dlq.url
}

output "email_endpoint" {
  description = "How services reach Email provider."
  value       = aws_sesv2_email_identity.email.email_identity
}

output "events_endpoint" {
  description = "How services reach Order events."
  value       = aws_msk_cluster.events.bootstrap_brokers_sasl_iam
}

output "gateway_endpoint" {
  description = "How services reach API gateway."
  value       = aws_apigatewayv2_api.gateway.api_endpoint
}

output "inventory_db_endpoint" {
  description = "How services reach Inventory store."
  value       = aws_dynamodb_table.inventory_db.name
}

output "orders_db_endpoint" {
  description = "How services reach Orders database."
  value       = "postgresql://${aws_rds_cluster.orders_db.endpoint}:5432"
}
