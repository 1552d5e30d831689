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
    Component = "lb"
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
    target_group_arn = aws_lb_target_group.web.arn
  }
}

resource "aws_lb_target_group" "web" {
  name_prefix = "svc-"
  port        = 8080
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = module.network.vpc_id
  health_check {
    path    = "/healthz"
    matcher = "200"
  }
}

resource "aws_cloudfront_distribution" "cdn" {
  # checkov:skip=CKV2_AWS_32: uses the AWS managed SecurityHeadersPolicy by id, which checkov cannot resolve
  # checkov:skip=CKV2_AWS_47: WAF rules are tuned per application; attach a WAFv2 web ACL when the rules are known
  # checkov:skip=CKV_AWS_305: the origin is the application load balancer, which serves its own root
  # checkov:skip=CKV_AWS_310: origin failover needs a second origin (another region); single-region starting point
  # checkov:skip=CKV_AWS_374: no geo restriction is implied by the model; set one if compliance requires
  # checkov:skip=CKV_AWS_68: WAF rules are tuned per application; attach a WAFv2 web ACL when the rules are known
  # checkov:skip=CKV_AWS_86: access logs need an S3 log bucket with ACLs for the CloudFront log delivery; add it with the bucket
  enabled     = true
  comment     = "Three-tier web shop: CDN"
  price_class = "PriceClass_100"
  tags = {
    Component = "cdn"
  }
  origin {
    origin_id   = "alb"
    domain_name = aws_lb.main.dns_name
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }
  default_cache_behavior {
    target_origin_id           = "alb"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
    cached_methods             = ["GET", "HEAD"]
    cache_policy_id            = "658327ea-f89d-4fab-a63d-7e88639e58f6"
    response_headers_policy_id = "67f7725c-6f97-4210-82d7-5512b31e9d03"
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    acm_certificate_arn      = var.cloudfront_certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}
