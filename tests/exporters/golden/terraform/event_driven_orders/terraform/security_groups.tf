resource "aws_security_group" "events" {
  name_prefix = "${var.project}-events-"
  description = "Order events (archwright)"
  vpc_id      = module.network.vpc_id
  tags = {
    Component = "events"
  }
}

resource "aws_security_group" "inventory" {
  name_prefix = "${var.project}-inventory-"
  description = "Inventory worker (archwright)"
  vpc_id      = module.network.vpc_id
  tags = {
    Component = "inventory"
  }
}

resource "aws_security_group" "notifier" {
  name_prefix = "${var.project}-notifier-"
  description = "Notification worker (archwright)"
  vpc_id      = module.network.vpc_id
  tags = {
    Component = "notifier"
  }
}

resource "aws_security_group" "orders" {
  name_prefix = "${var.project}-orders-"
  description = "Order service (archwright)"
  vpc_id      = module.network.vpc_id
  tags = {
    Component = "orders"
  }
}

resource "aws_security_group" "orders_db" {
  name_prefix = "${var.project}-orders-db-"
  description = "Orders database (archwright)"
  vpc_id      = module.network.vpc_id
  tags = {
    Component = "orders-db"
  }
}

resource "aws_security_group" "payments" {
  name_prefix = "${var.project}-payments-"
  description = "Payment worker (archwright)"
  vpc_id      = module.network.vpc_id
  tags = {
    Component = "payments"
  }
}

resource "aws_vpc_security_group_egress_rule" "inventory_to_events" {
  security_group_id            = aws_security_group.inventory.id
  referenced_security_group_id = aws_security_group.events.id
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
  description                  = "Inventory worker to Order events"
}

resource "aws_vpc_security_group_ingress_rule" "events_from_inventory" {
  security_group_id            = aws_security_group.events.id
  referenced_security_group_id = aws_security_group.inventory.id
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
  description                  = "Inventory worker to Order events"
}

resource "aws_vpc_security_group_egress_rule" "notifier_to_events" {
  security_group_id            = aws_security_group.notifier.id
  referenced_security_group_id = aws_security_group.events.id
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
  description                  = "Notification worker to Order events"
}

resource "aws_vpc_security_group_ingress_rule" "events_from_notifier" {
  security_group_id            = aws_security_group.events.id
  referenced_security_group_id = aws_security_group.notifier.id
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
  description                  = "Notification worker to Order events"
}

resource "aws_vpc_security_group_egress_rule" "orders_to_events" {
  security_group_id            = aws_security_group.orders.id
  referenced_security_group_id = aws_security_group.events.id
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
  description                  = "Order service to Order events"
}

resource "aws_vpc_security_group_ingress_rule" "events_from_orders" {
  security_group_id            = aws_security_group.events.id
  referenced_security_group_id = aws_security_group.orders.id
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
  description                  = "Order service to Order events"
}

resource "aws_vpc_security_group_egress_rule" "orders_to_orders_db" {
  security_group_id            = aws_security_group.orders.id
  referenced_security_group_id = aws_security_group.orders_db.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "Order service to Orders database"
}

resource "aws_vpc_security_group_ingress_rule" "orders_db_from_orders" {
  security_group_id            = aws_security_group.orders_db.id
  referenced_security_group_id = aws_security_group.orders.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "Order service to Orders database"
}

resource "aws_vpc_security_group_egress_rule" "payments_to_events" {
  security_group_id            = aws_security_group.payments.id
  referenced_security_group_id = aws_security_group.events.id
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
  description                  = "Payment worker to Order events"
}

resource "aws_vpc_security_group_ingress_rule" "events_from_payments" {
  security_group_id            = aws_security_group.events.id
  referenced_security_group_id = aws_security_group.payments.id
  ip_protocol                  = "tcp"
  from_port                    = 9098
  to_port                      = 9098
  description                  = "Payment worker to Order events"
}

resource "aws_vpc_security_group_egress_rule" "inventory_https" {
  security_group_id = aws_security_group.inventory.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS to AWS APIs (ECR, logs, Secrets Manager) and third parties"
}

resource "aws_vpc_security_group_egress_rule" "notifier_https" {
  security_group_id = aws_security_group.notifier.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS to AWS APIs (ECR, logs, Secrets Manager) and third parties"
}

resource "aws_vpc_security_group_egress_rule" "orders_https" {
  security_group_id = aws_security_group.orders.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS to AWS APIs (ECR, logs, Secrets Manager) and third parties"
}

resource "aws_vpc_security_group_egress_rule" "payments_https" {
  security_group_id = aws_security_group.payments.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS to AWS APIs (ECR, logs, Secrets Manager) and third parties"
}

resource "aws_security_group" "alb" {
  name_prefix = "${var.project}-alb-"
  description = "Public load balancer (archwright)"
  vpc_id      = module.network.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  security_group_id = aws_security_group.alb.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS from the internet"
}

resource "aws_vpc_security_group_egress_rule" "alb_to_orders" {
  security_group_id            = aws_security_group.alb.id
  referenced_security_group_id = aws_security_group.orders.id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  description                  = "load balancer to Order service"
}

resource "aws_vpc_security_group_ingress_rule" "orders_from_alb" {
  security_group_id            = aws_security_group.orders.id
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  description                  = "from the load balancer"
}
