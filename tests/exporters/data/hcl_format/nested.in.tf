resource "aws_ecs_task_definition" "this" {
family = var.name
container_definitions = jsonencode([{
name = var.name
image = var.image
portMappings = [{ containerPort = var.port, protocol = "tcp" }]
logConfiguration = {
logDriver = "awslogs"
options = {
awslogs-group = aws_cloudwatch_log_group.this.name
awslogs-region = data.aws_region.current.name
}
}
}])
}

locals {
ports = [
80,
443,
]
}
