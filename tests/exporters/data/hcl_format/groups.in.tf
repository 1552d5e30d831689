module "api" {
    source = "./modules/ecs-service"
    name = "api"
    desired_count = 3
    environment = {
        PORT = "8080"
        SERVICE_NAME = "api"
        "quoted.key" = "${var.project}-{x}"
    }
    secrets = {}
    subnet_ids = module.network.private_subnet_ids
    # a comment ends a group
    a = 1
    long_name = var.x == "y" ? "=" : "#"
    tags = merge(var.tags, { Name = "x" })
}
