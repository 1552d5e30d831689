variable "project" {
  description = "Name prefix of every resource."
  type        = string
  default     = "event-driven-orders"
}

variable "region" {
  description = "AWS region."
  type        = string
  default     = "us-east-1"
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC."
  type        = string
  default     = "10.0.0.0/16"
}

variable "az_count" {
  description = "Availability zones to spread over."
  type        = number
  default     = 3
}

variable "images" {
  description = "Container image per service, pinned by tag or digest."
  type        = map(string)
  default = {
    inventory = "event-driven-orders/inventory:0.1.0"
    notifier  = "event-driven-orders/notifier:0.1.0"
    orders    = "event-driven-orders/orders:0.1.0"
    payments  = "event-driven-orders/payments:0.1.0"
  }
}

variable "certificate_arn" {
  description = "ACM certificate for the load balancer."
  type        = string
}

variable "email_domain" {
  description = "Domain the services send email from (SES)."
  type        = string
}
