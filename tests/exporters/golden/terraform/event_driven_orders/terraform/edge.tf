resource "aws_lb" "main" {
  # checkov:skip=CKV2_AWS_28: WAF rules are tuned per application; attach a WAFv2 web ACL when the rules are known
  # checkov:skip=CKV_AWS_91: access logs need an S3 log bucket with the regional ELB delivery policy; add it with the bucket
  name_prefix                = "app-"
  load_balancer_type         = "application"
  internal                   = false
  security_groups            = [aws_security_group.alb.id]
  subnets                    = module.network.public_subnet_ids
  drop_invalid_header_fields = true
  enable_deletion_protection = true
  tags = {
    Component = "aws_lb.main"
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.orders.arn
  }
}

resource "aws_lb_target_group" "orders" {
  name_prefix = "svc-"
  port        = 8080
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = module.network.vpc_id
  health_check {
    path    = "/health"
    matcher = "200"
  }
}
