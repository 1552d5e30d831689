output "service_name" {
  description = "Name of the ECS service."
  value       = aws_ecs_service.this.name
}

output "task_role_arn" {
  description = "Role the application runs as; grant it access to what it calls."
  value       = aws_iam_role.task.arn
}

output "task_role_name" {
  description = "Name of the task role, to attach least-privilege policies to."
  value       = aws_iam_role.task.name
}
