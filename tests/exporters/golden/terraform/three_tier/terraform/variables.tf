variable "project" {
  description = "Name prefix of every resource."
  type        = string
  default     = "three-tier-web-shop"
}

variable "region" {
  description = "AWS region."
  type        = string
  default     = "eu-west-1"
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC."
  type        = string
  default     = "10.0.0.0/16"
}

variable "az_count" {
  description = "Availability zones to spread over."
  type        = number
  default     = 2
}

variable "images" {
  description = "Container image per service, pinned by tag or digest."
  type        = map(string)
  default = {
    api = "three-tier-web-shop/api:0.1.0"
    web = "three-tier-web-shop/web:0.1.0"
  }
}

variable "certificate_arn" {
  description = "ACM certificate for the load balancer."
  type        = string
}

variable "cloudfront_certificate_arn" {
  description = "ACM certificate (us-east-1) for CloudFront."
  type        = string
}
